package org.jsna.calc;

import java.util.List;

/**
 * The rows of one group of a {@link CalcTable}.
 *
 * @param key  the text of the grouping columns, in the order of {@code --by} (empty without {@code --by})
 * @param rows the row indexes (0-based) in file order
 */
public record Group(List<String> key, int[] rows) {
}
