package org.jsna.validate;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A coded column (data.md, "Codes"): {@code client_group}, {@code sex}, {@code source}, {@code outcome},
 * {@code funder}. A value must be canonical or mapped in {@code codes:} of jsna.yaml ({@code unknown_code});
 * codes are matched exactly (case matters), canonical values stay valid when a mapping is given, and several
 * file values may map to one. An optional column may be empty, or mapped to empty, for "not known".
 * Immutable: one instance serves every reading thread.
 */
public final class CodeRule {
    /** An optional code that is empty, or mapped to empty: not known. */
    public static final int EMPTY = -1;
    /** A code that failed (the defect is reported). */
    public static final int FAILED = -2;

    private final TextLookup lookup;
    private final String expected;

    /**
     * @param column  the canonical column, as {@code codes.<column>} names it
     * @param targets the canonical values in the order of the index a lookup returns
     * @param listed  the canonical values a message lists (sorted in the message)
     * @param mapping {@code codes.<column>} of jsna.yaml: file value to canonical value ("" = not known)
     */
    public CodeRule(String column, List<String> targets, Collection<String> listed, Map<String, String> mapping) {
        Map<String, String> m = new HashMap<>();
        for (String c : targets) {
            m.put(c, c);
        }
        // each file value is mapped once, to the canonical value named (jsna.yaml's values are checked to be
        // canonical): looking the target up in the map being filled made a swap {M: F, F: M} map both to one of
        // them, depending on the order of the keys
        m.putAll(mapping);
        Map<String, Integer> index = new HashMap<>();
        for (Map.Entry<String, String> e : m.entrySet()) {
            int t = targets.indexOf(e.getValue());
            index.put(e.getKey(), e.getValue().isEmpty() ? EMPTY : t);
        }
        this.lookup = new TextLookup(index);
        this.expected = "one of " + String.join(", ", new TreeSet<>(listed)) + ", or a value mapped in codes."
                + column;
    }

    /** True when every accepted value is plain ASCII. */
    public boolean ascii() {
        return lookup.ascii();
    }

    /** The index of a required code in the targets, or {@link #FAILED} ({@code missing_value}, {@code unknown_code}). */
    public int required(Fields f, int i) {
        if (f.blank(i)) {
            Required.missing(f, i);
            return FAILED;
        }
        return known(f, i);
    }

    /** The index of an optional code, {@link #EMPTY} when not known, or {@link #FAILED}. */
    public int optional(Fields f, int i) {
        if (f.blank(i)) {
            return EMPTY;
        }
        return known(f, i);
    }

    private int known(Fields f, int i) {
        int c = lookup.get(f, i);
        if (c == TextLookup.ABSENT) {
            f.reject(i, "unknown_code", expected);
            return FAILED;
        }
        return c;
    }
}
