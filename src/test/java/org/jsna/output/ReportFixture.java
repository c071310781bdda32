package org.jsna.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jsna.indicators.Comparison;
import org.jsna.indicators.DataQualityItem;
import org.jsna.indicators.Disclosure;
import org.jsna.indicators.Indicator;
import org.jsna.indicators.IndicatorRow;
import org.jsna.indicators.InequalityRow;
import org.jsna.indicators.PopulationCell;
import org.jsna.indicators.ReportData;

/**
 * A realistic {@link ReportData} for output tests: 6 localities + Unknown + All, 3 fiscal years,
 * the six default client groups, deprivation deciles for the decile indicators, referral-source
 * and funder categories, some suppressed rows, inequality rows and a population by age and sex.
 * Values are plausible, not computed with the real statistics (outputs only draw what they get).
 */
public final class ReportFixture {

    public static final List<String> LOCALITIES =
            List.of("Eastfield", "Hillcrest", "Northgate", "Old Town", "Riverside", "Westmoor");
    public static final String NASTY = "<script>alert(\"x\")</script> & 'Co'";
    public static final List<String> PERIODS = List.of("2021/22", "2022/23", "2023/24");
    public static final List<String> SOURCES = List.of("primary_care", "secondary_care", "self_or_family",
            "social_care", "community_health", "police_or_justice", "education", "other");
    public static final List<String> FUNDERS = List.of("nhs", "council", "pooled", "self");

    private ReportFixture() {
    }

    public static ReportData build() {
        return build(LOCALITIES, PERIODS, 3);
    }

    /** The fixture with one locality renamed to markup, to test escaping. */
    public static ReportData nasty() {
        List<String> locs = new ArrayList<>(LOCALITIES);
        locs.set(3, NASTY);
        return build(locs, List.of("2023/24"), 3);
    }

    /** Same fixture with fewer client groups and periods, for fast rendering tests. */
    public static ReportData small() {
        return build(LOCALITIES, List.of("2022/23", "2023/24"), 1);
    }

    public static Map<String, String> groups(int n) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("mental_health", "Mental health");
        all.put("older_people", "Older people");
        all.put("learning_disability", "Learning disability");
        all.put("children_families", "Children and families");
        all.put("physical_disability", "Physical and sensory disability");
        all.put("carers", "Carers");
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : all.entrySet()) {
            if (out.size() < n) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    public static ReportData build(List<String> locs, List<String> periods, int nGroups) {
        return build(locs, periods, groups(nGroups));
    }

    /** The fixture for these client groups (id to label). */
    public static ReportData build(List<String> locs, List<String> periods, Map<String, String> groups) {
        Random rnd = new Random(20240401L);
        List<IndicatorRow> rows = new ArrayList<>();
        List<InequalityRow> ineq = new ArrayList<>();
        double[] locPop = {21000, 16500, 25500, 9800, 18700, 13200};
        double[] locFactor = {1.35, 0.85, 1.0, 1.2, 0.7, 0.95};
        for (int pi = 0; pi < periods.size(); pi++) {
            String period = periods.get(pi);
            for (String group : groups.keySet()) {
                boolean small = group.equals("learning_disability");
                double base = small ? 0.9 : 14 + 2 * pi;
                for (Indicator ind : Indicator.values()) {
                    if (ind.categoryType != null) {
                        List<String> cats = ind.categoryType.equals("funder") ? FUNDERS : SOURCES;
                        List<String> places = new ArrayList<>(locs);
                        places.add("Unknown");
                        places.add("All");
                        for (String loc : places) {
                            double[] w = new double[cats.size()];
                            double tot = 0;
                            for (int c = 0; c < w.length; c++) {
                                w[c] = (cats.size() - c) * (0.6 + rnd.nextDouble());
                                tot += w[c];
                            }
                            double n = loc.equals("All") ? 1800 : loc.equals("Unknown") ? 40 : 260;
                            for (int c = 0; c < w.length; c++) {
                                IndicatorRow r = row(ind, period, group, loc);
                                r.categoryType = ind.categoryType;
                                r.category = cats.get(c);
                                r.count = Math.round(n * w[c] / tot);
                                r.denominator = n;
                                r.value = 100 * r.count / n;
                                proportionCi(r);
                                if (r.count >= 1 && r.count <= 7) {
                                    Disclosure.suppress(r, Disclosure.PRIMARY_NOTE);
                                }
                                rows.add(r);
                            }
                        }
                        continue;
                    }
                    IndicatorRow all = row(ind, period, group, "All");
                    double totalPop = 0;
                    for (double p : locPop) {
                        totalPop += p;
                    }
                    all.denominator = totalPop;
                    all.value = valueFor(ind, base, 1.0);
                    all.count = countFor(ind, all.value, totalPop);
                    ci(ind, all);
                    rows.add(all);
                    for (int li = 0; li < locs.size(); li++) {
                        IndicatorRow r = row(ind, period, group, locs.get(li));
                        r.denominator = locPop[li % locPop.length];
                        r.value = valueFor(ind, base, locFactor[li % locFactor.length] * (0.95 + 0.1 * rnd.nextDouble()));
                        r.count = countFor(ind, r.value, locPop[li % locPop.length]);
                        ci(ind, r);
                        compare(r, all.value);
                        if (small && li == 3 && r.count <= 7) {
                            Disclosure.suppress(r, Disclosure.PRIMARY_NOTE);
                        } else if (small && li == 4 && pi == periods.size() - 1) {
                            Disclosure.suppress(r, Disclosure.SECONDARY_NOTE);
                            r.valueNote = Disclosure.NOTE;
                        }
                        rows.add(r);
                    }
                    IndicatorRow unk = row(ind, period, group, "Unknown");
                    unk.count = 12;
                    unk.valueNote = "population not known for Unknown";
                    rows.add(unk);
                    if (ind.decile) {
                        double[] rates = new double[11];
                        for (int d = 1; d <= 10; d++) {
                            IndicatorRow r = row(ind, period, group, "All");
                            r.categoryType = "deprivation_decile";
                            r.category = Integer.toString(d);
                            r.denominator = totalPop / 10 * (0.8 + 0.04 * d);
                            r.value = all.value * (1.5 - 0.1 * (d - 1));
                            rates[d] = r.value;
                            r.count = Math.round(r.value * r.denominator / 1000);
                            ci(ind, r);
                            compare(r, all.value);
                            if (small && d == 9) {
                                Disclosure.suppress(r, Disclosure.PRIMARY_NOTE);
                            }
                            rows.add(r);
                        }
                        InequalityRow q = new InequalityRow();
                        q.indicatorId = ind.id;
                        q.period = period;
                        q.clientGroup = group;
                        // rates fall by 10% of the area value per decile: slope over rank 0..1 is -1.0 * area value
                        q.sii = -all.value;
                        q.siiLower95 = q.sii * 1.2;
                        q.siiUpper95 = q.sii * 0.8;
                        q.intercept = all.value * 1.55;
                        q.rii = (q.intercept + q.sii) / q.intercept;
                        q.riiLower95 = q.rii * 0.9;
                        q.riiUpper95 = q.rii * 1.1;
                        q.ratioMostLeastDeprived = small ? Double.NaN : rates[1] / rates[10];
                        q.valueNote = small ? "ratio not shown: decile 9 or 10 suppressed" : "";
                        ineq.add(q);
                    }
                }
            }
        }
        List<PopulationCell> pop = new ArrayList<>();
        String[] bands = {"0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
            "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"};
        for (int li = 0; li < locs.size(); li++) {
            for (int b = 0; b < bands.length; b++) {
                double shape = b < 12 ? 1.0 + 0.02 * (li - 2) : Math.max(0.05, 1.0 - 0.13 * (b - 11));
                double share = locPop[li % locPop.length] * 3.2 / bands.length * shape;
                pop.add(new PopulationCell(2023, locs.get(li), 'M', bands[b], Math.round(share * 0.98)));
                pop.add(new PopulationCell(2023, locs.get(li), 'F', bands[b],
                        Math.round(share * (b > 14 ? 1.3 : 1.01))));
            }
        }
        List<DataQualityItem> dq = List.of(
                new DataQualityItem("referrals.csv", "rows_read", 12840),
                new DataQualityItem("referrals.csv", "rows_used", 12831),
                new DataQualityItem("referrals.csv", "rows_rejected", 9),
                new DataQualityItem("referrals.csv", "unknown_area", 214),
                new DataQualityItem("services.csv", "rows_read", 40211),
                new DataQualityItem("services.csv", "cost_unknown", 88));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("tool", "jsna");
        manifest.put("version", "0.1.0");
        manifest.put("command_line", "jsna report sample-data --out out");
        manifest.put("started", "2026-11-24T07:00:00Z");
        manifest.put("finished", "2026-11-24T07:00:09Z");
        manifest.put("seed", 1L);
        manifest.put("suppression", "on (1-7, secondary)");
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("role", "referrals");
        in.put("path", "sample-data/referrals.csv");
        in.put("bytes", 1_234_567L);
        in.put("sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        in.put("encoding", "UTF-8");
        in.put("rows_read", 12840L);
        in.put("rows_used", 12831L);
        in.put("rows_rejected", 9L);
        manifest.put("inputs", List.of(in));
        return new ReportData(rows, ineq, pop, dq, locs, groups, periods, true, manifest);
    }

    private static IndicatorRow row(Indicator ind, String period, String group, String loc) {
        IndicatorRow r = new IndicatorRow();
        r.indicatorId = ind.id;
        r.indicatorName = ind.label;
        r.period = period;
        r.clientGroup = group;
        r.locality = loc;
        r.unit = ind.unit;
        r.method = ind.method;
        return r;
    }

    private static double valueFor(Indicator ind, double base, double f) {
        switch (ind.unit) {
            case "per 1,000":
                return base * f * (ind.id.startsWith("service_events") ? 6 : ind.id.startsWith("service") ? 0.6 : 1);
            case "per 100,000":
                return base * 100 * f;
            case "%":
                return Math.min(95, 40 * f);
            case "£ per head":
                return 85 * f;
            case "£ mean":
                return 5400 * f;
            default:
                return 30 * f;
        }
    }

    private static double countFor(Indicator ind, double value, double pop) {
        switch (ind.unit) {
            case "per 1,000":
                return Math.round(value * pop / 1000);
            case "per 100,000":
                return Math.round(value * pop / 100000);
            default:
                return Math.round(pop / 40);
        }
    }

    private static void ci(Indicator ind, IndicatorRow r) {
        if (ind.method.equals("none")) {
            return;
        }
        double se = r.count > 0 ? r.value / Math.sqrt(r.count) : r.value;
        r.lower95 = Math.max(0, r.value - 1.96 * se);
        r.upper95 = r.value + 1.96 * se;
        r.lower998 = Math.max(0, r.value - 3.09 * se);
        r.upper998 = r.value + 3.09 * se;
    }

    private static void proportionCi(IndicatorRow r) {
        double p = r.value / 100;
        double se = Math.sqrt(Math.max(p * (1 - p), 1e-6) / r.denominator) * 100;
        r.lower95 = Math.max(0, r.value - 1.96 * se);
        r.upper95 = Math.min(100, r.value + 1.96 * se);
        r.lower998 = Math.max(0, r.value - 3.09 * se);
        r.upper998 = Math.min(100, r.value + 3.09 * se);
    }

    private static void compare(IndicatorRow r, double area) {
        r.comparatorValue = area;
        r.comparedToArea95 = Comparison.compare(r.lower95, r.upper95, area);
        r.comparedToArea998 = Comparison.compare(r.lower998, r.upper998, area);
    }
}
