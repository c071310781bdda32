package org.jsna.input;

import java.util.List;

/**
 * The valid rows of the area lookup, in file order: an area's position here is its index in every
 * batch. Localities are names as given (trimmed); deciles 1..10; names from the optional
 * {@code area_name} column (null when absent).
 */
public record AreaTable(List<String> codes, List<String> localities, byte[] deciles, List<String> names) {

    public int size() {
        return codes.size();
    }
}
