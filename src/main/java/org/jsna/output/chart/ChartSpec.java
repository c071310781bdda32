package org.jsna.output.chart;

import java.util.function.Supplier;
import org.jfree.chart.JFreeChart;

/**
 * One planned chart: its kind, the parts of its file name (raw; slugged by {@link ChartRenderer}),
 * its size in pixels, its title (for alt text) and a builder that makes a fresh chart. The builder
 * is called on the rendering thread, so no JFreeChart object is ever shared between threads.
 */
public record ChartSpec(String kind, String subject, String clientGroup, String locality, String period,
        int width, int height, String title, Supplier<JFreeChart> builder) {

    /** Longest slug of a part that comes from the data (client group, locality). */
    static final int PART = 40;

    /**
     * {@code <kind>--<subject>--<client_group|all>--<locality|all>--<period|all>} as slugs, without
     * extension; the client group and locality slugs are cut to {@value #PART} characters.
     */
    public String baseName() {
        return Slug.of(kind) + "--" + Slug.of(subject) + "--" + Slug.of(orAll(clientGroup), PART) + "--"
                + Slug.of(orAll(locality), PART) + "--" + Slug.of(orAll(period));
    }

    private static String orAll(String s) {
        return s == null || s.isEmpty() ? "all" : s;
    }
}
