package org.jsna.output.chart;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * File-name parts made from data: lower-case ASCII where anything outside a-z and 0-9 becomes
 * {@code -}. Nothing from the data shapes a path in any other way (no dots, no slashes survive).
 */
public final class Slug {

    private Slug() {
    }

    public static String of(String s) {
        if (s == null || s.isEmpty()) {
            return "-";
        }
        String lower = s.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            b.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '-');
        }
        return b.toString();
    }

    /**
     * {@link #of(String)} cut to at most {@code max} characters, so a long name from the data cannot
     * make a file name longer than file systems allow (255 bytes); clashes are left to {@link Namer}.
     */
    public static String of(String s, int max) {
        String slug = of(s);
        return slug.length() <= max ? slug : slug.substring(0, max);
    }

    /** Hands out unique names: a name already given gets {@code -2}, {@code -3}, ... before its extension. */
    public static final class Namer {
        private final Set<String> used = new HashSet<>();

        public String unique(String base) {
            String name = base;
            for (int n = 2; !used.add(name); n++) {
                name = base + "-" + n;
            }
            return name;
        }
    }
}
