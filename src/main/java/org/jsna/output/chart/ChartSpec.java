package org.jsna.output.chart;

import java.util.function.Supplier;
import org.jfree.chart.JFreeChart;

/**
 * One planned chart: its kind, the parts of its file name (raw; slugged by {@link ChartRenderer}),
 * its size in pixels, its title (for alt text), a builder that makes a fresh chart and one that makes its
 * description in words (the SVG's {@code <desc>}; {@link ChartText#describe}). The builders are called on the
 * rendering thread, so no JFreeChart object is ever shared between threads.
 */
public record ChartSpec(String kind, String subject, String clientGroup, String locality, String period,
        int width, int height, String title, Supplier<JFreeChart> builder, Supplier<String> description) {

    /** A chart described by its title alone. */
    public ChartSpec(String kind, String subject, String clientGroup, String locality, String period, int width,
            int height, String title, Supplier<JFreeChart> builder) {
        this(kind, subject, clientGroup, locality, period, width, height, title, builder, null);
    }

    /** The chart's description in words: {@link #description}'s, else the title. */
    public String describe() {
        String d = description == null ? null : description.get();
        return d == null || d.isEmpty() ? title : d;
    }

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
