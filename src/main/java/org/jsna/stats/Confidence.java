package org.jsna.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The confidence level(s) of an interval, as PHEindicatormethods accepts them: one level in
 * [0.9, 1) — also written 90 to 99.9, read as a percentage — or exactly the pair 0.95 and 0.998
 * (the two levels Fingertips publishes, "95%" and "99.8%", about 2 and 3 standard errors).
 * Confidence 1 is not accepted.
 */
public final class Confidence {

    /** The default level, 95%. */
    public static final Confidence DEFAULT = new Confidence(List.of(0.95));

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private final List<Double> levels;

    private Confidence(List<Double> levels) {
        this.levels = List.copyOf(levels);
    }

    /** One level, checked as {@link #parse(String)} does. */
    public static Confidence of(double level) {
        return new Confidence(List.of(normalise(level, String.valueOf(level))));
    }

    /**
     * Reads a confidence argument: {@code 0.95}, {@code 95}, {@code 99.8}, {@code 0.998} or the
     * pair {@code 0.95,0.998} (also {@code 95,99.8}).
     *
     * @throws IllegalArgumentException with a plain one-line message for anything else
     */
    public static Confidence parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a confidence level is required, e.g. 0.95");
        }
        String[] parts = text.split(",", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("a maximum of two confidence levels can be provided (got '" + text + "')");
        }
        List<Double> out = new ArrayList<>();
        for (String p : parts) {
            double v;
            try {
                v = Double.parseDouble(p.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("confidence level '" + p.strip() + "' is not a number; expected e.g. 0.95, 99.8 or 0.95,0.998");
            }
            out.add(normalise(v, p.strip()));
        }
        if (out.size() == 2 && !(out.get(0) == 0.95 && out.get(1) == 0.998)) {
            throw new IllegalArgumentException(
                    "two confidence levels can only be produced if they are specified as 0.95 and 0.998 (got '" + text + "')");
        }
        return new Confidence(out);
    }

    private static double normalise(double v, String text) {
        if (Double.isFinite(v) && v >= 90 && v < 100) {
            v = new BigDecimal(Double.toString(v)).movePointLeft(2).doubleValue();
        }
        if (!(v >= 0.9 && v < 1)) {
            throw new IllegalArgumentException("confidence level '" + text
                    + "' must be between 0.9 and 1 (exclusive) or between 90 and 100 (exclusive)");
        }
        return v;
    }

    /** The levels as fractions, e.g. [0.95] or [0.95, 0.998]. */
    public List<Double> levels() {
        return levels;
    }

    /** True when two levels were given. */
    public boolean isPair() {
        return levels.size() == 2;
    }

    /**
     * The standard-normal quantile {@code z = Φ⁻¹(1 − α/2)}, α = 1 − level (1.959964 at 95%,
     * 3.090232 at 99.8%), from Apache Commons Statistics.
     */
    public static double z(double level) {
        return STANDARD_NORMAL.inverseCumulativeProbability(level + (1 - level) / 2);
    }

    /** The label of the {@code confidence} output column: "95%", "99.8%" or "95%, 99.8%". */
    public String label() {
        List<String> parts = new ArrayList<>();
        for (double l : levels) {
            parts.add(percent(l) + "%");
        }
        return String.join(", ", parts);
    }

    /** A level as a percentage without trailing zeros: 0.95 → "95", 0.998 → "99.8". */
    public static String percent(double level) {
        BigDecimal p = new BigDecimal(Double.toString(level)).movePointRight(2).round(new MathContext(10)).stripTrailingZeros();
        return p.toPlainString();
    }

    /**
     * The suffix used in the names of limit columns when two levels are written: 0.95 → "95_0",
     * 0.998 → "99_8" (the level × 100 with one decimal, '.' replaced by '_').
     */
    public static String columnSuffix(double level) {
        return String.format(Locale.ROOT, "%.1f", level * 100).replace('.', '_');
    }

    @Override
    public String toString() {
        return label();
    }
}
