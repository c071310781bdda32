package org.jsna.output.chart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsna.indicators.ReportData;

/** Words and numbers for people: titles, axis labels, footnotes, rounded values. Fixed locale. */
public final class Wording {

    private Wording() {
    }

    /** Longest name from the data (locality, client group label) drawn in a chart; a longer one is cut. */
    public static final int MAX_NAME = 100;

    /**
     * A name from the data (a locality, a client group's label) as a chart shows it: whole up to
     * {@value #MAX_NAME} characters, else cut to that length with an ellipsis (never between the two
     * halves of a surrogate pair). A locality may be up to a field's limit (1 MiB) long and a label
     * nearly as long, and JFreeChart wraps and measures label text in time that grows with the square
     * of its length; no chart has room for more than a line or two of it, and the tables keep it whole.
     */
    public static String fit(String name) {
        if (name == null || name.length() <= MAX_NAME) {
            return name;
        }
        int end = MAX_NAME - 1;
        if (Character.isHighSurrogate(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(0, end) + "…";
    }

    /** A value rounded for reading: 1 decimal place (2 under 10, thousands separated), never exponent notation. */
    public static String num(double v) {
        if (!ReportTables.has(v)) {
            return "–";
        }
        int places = Math.abs(v) < 10 ? 2 : 1;
        if (Math.abs(v) >= 1000) {
            places = 0;
        }
        BigDecimal d = new BigDecimal(v).setScale(places, RoundingMode.HALF_UP);
        return String.format(Locale.ROOT, "%,." + places + "f", d);
    }

    public static String count(double v) {
        if (!ReportTables.has(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    /** Axis label with the unit, e.g. "per 1,000 population". */
    public static String axisLabel(String unit) {
        switch (unit) {
            case "per 1,000":
                return "Rate per 1,000 population";
            case "per 100,000":
                return "Age-standardised rate per 100,000 population";
            case "%":
                return "Per cent (%)";
            case "£ per head":
                return "Pounds (£) per head of population";
            case "£ mean":
                return "Pounds (£) per service user (mean)";
            case "median days":
                return "Days (median)";
            default:
                return unit.isEmpty() ? "Value" : unit.substring(0, 1).toUpperCase(Locale.ROOT) + unit.substring(1);
        }
    }

    /** A short indicator label for crowded axes. */
    public static String shortName(String id, String fallback) {
        for (org.jsna.indicators.Indicator i : org.jsna.indicators.Indicator.values()) {
            if (i.id.equals(id)) {
                return i.shortName; // the catalogue's short label
            }
        }
        return fallback;
    }

    /**
     * The method as a reader needs it: the rows' method, or, for measures without a confidence
     * interval (method {@code none}), what they are and that nothing is compared.
     */
    public static String method(String id, String method) {
        if (method != null && !method.isEmpty() && !method.equals("none")) {
            return method;
        }
        String what = switch (id) {
            case "wait_days_median" -> "median of the days from referral to the first linked service";
            case "wait_days_p90" -> "90th percentile (nearest rank) of the days from referral to the first linked service";
            case "cost_per_head" -> "total cost of services divided by the population";
            case "funder_share_pct" -> "share of the cost with a known funder";
            default -> "as in indicators.csv";
        };
        return what + "; no confidence interval, so localities are not compared with the area";
    }

    /** A phrase as a sentence: first letter upper-case, a full stop at the end. */
    public static String sentence(String phrase) {
        if (phrase == null || phrase.isEmpty()) {
            return "";
        }
        String s = phrase.substring(0, 1).toUpperCase(Locale.ROOT) + phrase.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }

    /** The first clause of a value_note ("a; b" gives "a"). */
    public static String firstClause(String note) {
        int semi = note.indexOf(';');
        return (semi < 0 ? note : note.substring(0, semi)).strip();
    }

    /** What an indicator's count counts, in the plural ("referrals", "service users", ...). */
    public static String countNoun(String id) {
        for (org.jsna.indicators.Indicator i : org.jsna.indicators.Indicator.values()) {
            if (i.id.equals(id)) {
                return i.numeratorMeasure.noun; // what the catalogue says its numerator counts
            }
        }
        return "records";
    }

    public static String label(String code) {
        if (code == null || code.isEmpty()) {
            return "";
        }
        String s = code.replace('_', ' ');
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** The footnote: source, method and disclosure control. */
    public static String footnote(ReportData data, String method, boolean anySuppressed) {
        StringBuilder b = new StringBuilder();
        b.append("Source: local referral and service records with resident population estimates; jsna ")
                .append(version(data)).append('.');
        if (method != null && !method.isEmpty()) {
            b.append(" Method: ").append(method).append('.');
        }
        if (data.suppression()) {
            b.append(" Counts of ").append(data.suppressedCounts("–"))
                    .append(", and values that would reveal them, are suppressed");
            b.append(anySuppressed ? " and shown as gaps." : " (none in this chart).");
        } else {
            b.append(" Disclosure control was OFF for this run: not for publication.");
        }
        return b.toString();
    }

    public static String version(ReportData data) {
        Map<String, Object> m = data.manifest();
        Object v = m == null ? null : m.get("version");
        return v == null ? org.jsna.console.Version.VERSION : String.valueOf(v);
    }

    public static String join(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
