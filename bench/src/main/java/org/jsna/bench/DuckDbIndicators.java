package org.jsna.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The DuckDB side of scripts/bench: computes, from the four canonical CSVs of an input folder
 * (population.csv, areas.csv, referrals.csv, services.csv; data.md's column names, the default
 * client groups, fiscal years), the indicators below exactly as /work/shared/indicators.md and
 * docs/indicators.md define them, and writes them as CSV with the key and value columns of jsna's
 * indicators.csv ({@code indicator_id, period, client_group, locality, category_type, category,
 * count, denominator, value}).
 *
 * <ul>
 * <li>{@code referrals_rate}: referrals per 1,000 of the group's ages, per period x client group x
 * locality (plus Unknown and All) and per deprivation decile (locality All);
 * <li>{@code referrals_dsr}: directly age-standardised per 100,000 (ESP2013, bands clipped to the
 * group's range; in-range referrals only; empty below 10 referrals or with a band of no population);
 * <li>{@code service_events_rate}: events starting in the period, per 1,000;
 * <li>{@code service_users_rate}: distinct people with an event starting in the period, each placed
 * by their first event of the period in the group (earliest start, then smallest event_id
 * ordinally), per 1,000, also per decile;
 * <li>{@code cost_per_head}: known cost (exact decimal pounds) per head.
 * </ul>
 * Unknown rows have a count and no denominator or value. Independent of jsna's code: it only reads
 * the CSVs. Usage: {@code DuckDbIndicators INPUT_DIR OUT_CSV [THREADS]} (threads default 2).
 */
public final class DuckDbIndicators {

    /** ESP2013 weights of the bands 0-4, 5-9, ..., 85-89, 90+. */
    static final int[] ESP2013 = {5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500,
        5000, 4000, 2500, 1500, 1000};
    /** data.md's default client groups: id, first and last age of the denominator (90 = 90+, open). */
    static final Object[][] GROUPS = {
        {"children_families", 0, 17}, {"learning_disability", 18, 64}, {"mental_health", 18, 64},
        {"physical_disability", 18, 64}, {"older_people", 65, 200}, {"carers", 18, 200}};

    private DuckDbIndicators() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: DuckDbIndicators INPUT_DIR OUT_CSV [THREADS]");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int threads = args.length == 3 ? Integer.parseInt(args[2]) : 2;
        for (String f : List.of("population.csv", "areas.csv", "referrals.csv", "services.csv")) {
            if (!Files.isRegularFile(in.resolve(f))) {
                System.err.println("DuckDbIndicators: " + in.resolve(f) + ": not found");
                System.exit(4);
            }
        }
        Path tmp = Files.createTempDirectory("duckdb-bench");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET threads=" + threads);
            st.execute("SET preserve_insertion_order=false"); // the output is sorted; halves the load at L
            st.execute("SET temp_directory=" + quote(tmp.toString()));
            boolean verbose = Boolean.getBoolean("bench.verbose");
            long startup = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
            long t0 = System.nanoTime();
            for (String sql : statements(in, out)) {
                long t = System.nanoTime();
                st.execute(sql);
                if (verbose) {
                    System.err.printf(Locale.ROOT, "%8.3f s  %s%n", (System.nanoTime() - t) / 1e9,
                            sql.length() > 100 ? sql.substring(0, 100) + "..." : sql);
                }
            }
            if (verbose) {
                System.err.printf(Locale.ROOT, "%8.3f s  in all; JVM start to first statement %.3f s%n",
                        (System.nanoTime() - t0) / 1e9, startup / 1e3);
            }
        } finally {
            try (var files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** The whole job as SQL statements, in order. */
    static List<String> statements(Path in, Path out) {
        List<String> sql = new ArrayList<>();
        String csv = "read_csv(%s, header = true, delim = ',', quote = '\"', escape = '\"', types = %s)";
        sql.add("CREATE TEMP TABLE areas AS SELECT area_code, locality, imd_decile AS decile FROM "
                + String.format(Locale.ROOT, csv, quote(in.resolve("areas.csv").toString()),
                        "{'area_code': 'VARCHAR', 'locality': 'VARCHAR', 'imd_decile': 'INTEGER'}"));
        // population of lookup areas only, by single year of age (90 = 90 and over)
        sql.add("CREATE TEMP TABLE pop AS SELECT a.locality, a.decile, p.age, p.year, p.population FROM "
                + String.format(Locale.ROOT, csv, quote(in.resolve("population.csv").toString()),
                        "{'area_code': 'VARCHAR', 'age': 'INTEGER', 'year': 'INTEGER', 'population': 'DOUBLE'}")
                + " p JOIN areas a USING (area_code)");
        String fy = "CASE WHEN month(%1$s) >= 4 THEN year(%1$s) ELSE year(%1$s) - 1 END";
        sql.add("CREATE TEMP TABLE ref AS SELECT " + String.format(Locale.ROOT, fy, "r.referral_date") + " AS fy, "
                + "r.client_group, coalesce(a.locality, 'Unknown') AS locality, a.decile, r.age FROM "
                + String.format(Locale.ROOT, csv, quote(in.resolve("referrals.csv").toString()),
                        "{'referral_date': 'DATE', 'client_group': 'VARCHAR', 'area_code': 'VARCHAR', 'age': 'INTEGER'}")
                + " r LEFT JOIN areas a USING (area_code)");
        sql.add("CREATE TEMP TABLE ev AS SELECT " + String.format(Locale.ROOT, fy, "s.start_date") + " AS fy, "
                + "s.person_id, s.event_id, s.start_date, s.client_group, coalesce(a.locality, 'Unknown') AS locality, "
                + "a.decile, s.cost FROM "
                + String.format(Locale.ROOT, csv, quote(in.resolve("services.csv").toString()),
                        "{'event_id': 'VARCHAR', 'person_id': 'VARCHAR', 'start_date': 'DATE', 'client_group': 'VARCHAR', "
                                + "'area_code': 'VARCHAR', 'cost': 'DECIMAL(18,2)'}")
                + " s LEFT JOIN areas a USING (area_code)");

        // client groups, their ESP2013 band weights clipped to the age range, periods, places
        StringBuilder groups = new StringBuilder();
        StringBuilder weights = new StringBuilder();
        for (Object[] g : GROUPS) {
            int lo = (Integer) g[1];
            int hi = (Integer) g[2];
            groups.append(groups.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "(%s, %d, %d)", quote((String) g[0]), lo, hi));
            for (int b = 0; b < ESP2013.length; b++) {
                int first = 5 * b;
                int last = b == ESP2013.length - 1 ? first : first + 4; // 90+ counts as one year
                int inside = Math.max(0, Math.min(last, hi) - Math.max(first, lo) + 1);
                if (inside > 0) {
                    weights.append(weights.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "(%s, %d, %s)",
                            quote((String) g[0]), b, Double.toString(ESP2013[b] * (double) inside / (last - first + 1))));
                }
            }
        }
        sql.add("CREATE TEMP TABLE grp(client_group VARCHAR, lo INTEGER, hi INTEGER)");
        sql.add("INSERT INTO grp VALUES " + groups);
        sql.add("CREATE TEMP TABLE wt(client_group VARCHAR, band INTEGER, w DOUBLE)");
        sql.add("INSERT INTO wt VALUES " + weights);
        sql.add("CREATE TEMP TABLE periods AS SELECT range AS fy, "
                + "CAST(range AS VARCHAR) || '/' || lpad(CAST((range + 1) % 100 AS VARCHAR), 2, '0') AS period, "
                + "(SELECT max(year) FROM pop WHERE year <= range) AS pyear FROM range("
                + "(SELECT least(min(fy), (SELECT min(fy) FROM ev)) FROM ref), "
                + "(SELECT greatest(max(fy), (SELECT max(fy) FROM ev)) FROM ref) + 1)");
        sql.add("CREATE TEMP TABLE places AS SELECT DISTINCT locality FROM areas UNION ALL SELECT 'Unknown' UNION ALL SELECT 'All'");
        sql.add("CREATE TEMP TABLE grid AS SELECT p.fy, p.period, p.pyear, g.client_group, g.lo, g.hi, l.locality "
                + "FROM periods p, grp g, places l");
        sql.add("CREATE TEMP TABLE dgrid AS SELECT p.fy, p.period, p.pyear, g.client_group, g.lo, g.hi, d.decile "
                + "FROM periods p, grp g, (SELECT range AS decile FROM range(1, 11)) d");

        // denominators: population of the group's ages at the period's mid-year (All = every lookup
        // area), from population summed first by year x place x age and year x decile x age
        sql.add("CREATE TEMP TABLE popl AS SELECT year, coalesce(locality, 'All') AS locality, age, sum(population) AS n "
                + "FROM pop GROUP BY GROUPING SETS ((year, locality, age), (year, age))");
        sql.add("CREATE TEMP TABLE popd AS SELECT year, decile, age, sum(population) AS n FROM pop GROUP BY ALL");
        sql.add("CREATE TEMP TABLE den AS SELECT g.fy, g.client_group, g.locality, sum(p.n) AS pop FROM grid g "
                + "JOIN popl p ON p.year = g.pyear AND p.locality = g.locality WHERE p.age BETWEEN g.lo AND g.hi GROUP BY ALL");
        sql.add("CREATE TEMP TABLE dden AS SELECT g.fy, g.client_group, g.decile, sum(p.n) AS pop FROM dgrid g "
                + "JOIN popd p ON p.year = g.pyear AND p.decile = g.decile WHERE p.age BETWEEN g.lo AND g.hi GROUP BY ALL");

        // numerators by place, with All
        sql.add("CREATE TEMP TABLE rc AS SELECT fy, client_group, coalesce(locality, 'All') AS locality, count(*) AS n "
                + "FROM ref GROUP BY GROUPING SETS ((fy, client_group, locality), (fy, client_group))");
        sql.add("CREATE TEMP TABLE rcd AS SELECT fy, client_group, decile, count(*) AS n FROM ref "
                + "WHERE decile IS NOT NULL GROUP BY ALL");
        sql.add("CREATE TEMP TABLE ec AS SELECT fy, client_group, coalesce(locality, 'All') AS locality, count(*) AS n, "
                + "coalesce(sum(cost), 0) AS cost FROM ev GROUP BY GROUPING SETS ((fy, client_group, locality), (fy, client_group))");
        // each person once per period and group, where their first event of the period is
        sql.add("CREATE TEMP TABLE firsts AS SELECT fy, client_group, x.locality, x.decile FROM (SELECT fy, client_group, "
                + "arg_min({'locality': locality, 'decile': decile}, (start_date, event_id)) AS x "
                + "FROM ev GROUP BY fy, client_group, person_id)");
        sql.add("CREATE TEMP TABLE uc AS SELECT fy, client_group, coalesce(locality, 'All') AS locality, count(*) AS n "
                + "FROM firsts GROUP BY GROUPING SETS ((fy, client_group, locality), (fy, client_group))");
        sql.add("CREATE TEMP TABLE ucd AS SELECT fy, client_group, decile, count(*) AS n FROM firsts "
                + "WHERE decile IS NOT NULL GROUP BY ALL");

        // DSR: in-range referrals and population by band, over every band of the group's range
        sql.add("CREATE TEMP TABLE dsr_num AS SELECT r.fy, r.client_group, coalesce(r.locality, 'All') AS locality, "
                + "least(r.age // 5, 18) AS band, count(*) AS d FROM ref r JOIN grp g USING (client_group) "
                + "WHERE r.age BETWEEN g.lo AND g.hi "
                + "GROUP BY GROUPING SETS ((r.fy, r.client_group, r.locality, band), (r.fy, r.client_group, band))");
        sql.add("CREATE TEMP TABLE dsr_pop AS SELECT g.fy, g.client_group, g.locality, least(p.age // 5, 18) AS band, "
                + "sum(p.n) AS n FROM grid g JOIN popl p ON p.year = g.pyear AND p.locality = g.locality "
                + "WHERE p.age BETWEEN g.lo AND g.hi GROUP BY ALL");
        sql.add("CREATE TEMP TABLE dsr AS SELECT g.fy, g.client_group, g.locality, "
                + "sum(coalesce(d.d, 0)) AS n, "
                + "CASE WHEN sum(coalesce(d.d, 0)) < 10 OR bool_or(coalesce(p.n, 0) = 0) THEN NULL "
                + "ELSE sum(coalesce(d.d, 0) * w.w / p.n) / sum(w.w) * 100000 END AS value "
                + "FROM grid g JOIN wt w USING (client_group) "
                + "LEFT JOIN dsr_pop p ON p.fy = g.fy AND p.client_group = g.client_group AND p.locality = g.locality AND p.band = w.band "
                + "LEFT JOIN dsr_num d ON d.fy = g.fy AND d.client_group = g.client_group AND d.locality = g.locality AND d.band = w.band "
                + "WHERE g.locality <> 'Unknown' GROUP BY ALL "
                + "UNION ALL SELECT fy, client_group, 'Unknown', count(*), NULL FROM ref r JOIN grp g USING (client_group) "
                + "WHERE r.locality = 'Unknown' AND r.age BETWEEN g.lo AND g.hi GROUP BY ALL");

        String rate = "CASE WHEN g.locality = 'Unknown' OR coalesce(d.pop, 0) = 0 THEN NULL ELSE %s / d.pop * %s END";
        String den = "CASE WHEN g.locality = 'Unknown' THEN NULL ELSE coalesce(d.pop, 0) END";
        String placeJoin = "LEFT JOIN den d ON d.fy = g.fy AND d.client_group = g.client_group AND d.locality = g.locality ";
        String on = "ON x.fy = g.fy AND x.client_group = g.client_group AND x.locality = g.locality ";
        List<String> parts = new ArrayList<>();
        parts.add("SELECT 'referrals_rate' AS indicator_id, g.period, g.client_group, g.locality, '' AS category_type, "
                + "'' AS category, CAST(coalesce(x.n, 0) AS VARCHAR) AS count, " + den + " AS denominator, "
                + String.format(Locale.ROOT, rate, "coalesce(x.n, 0)", "1000") + " AS value FROM grid g " + placeJoin
                + "LEFT JOIN rc x " + on);
        parts.add("SELECT 'referrals_rate', g.period, g.client_group, 'All', 'deprivation_decile', CAST(g.decile AS VARCHAR), "
                + "CAST(coalesce(x.n, 0) AS VARCHAR), coalesce(d.pop, 0), "
                + "CASE WHEN coalesce(d.pop, 0) = 0 THEN NULL ELSE coalesce(x.n, 0) / d.pop * 1000 END FROM dgrid g "
                + "LEFT JOIN dden d ON d.fy = g.fy AND d.client_group = g.client_group AND d.decile = g.decile "
                + "LEFT JOIN rcd x ON x.fy = g.fy AND x.client_group = g.client_group AND x.decile = g.decile");
        parts.add("SELECT 'referrals_dsr', g.period, g.client_group, g.locality, '', '', CAST(coalesce(x.n, 0) AS VARCHAR), "
                + den + ", CASE WHEN g.locality = 'Unknown' THEN NULL ELSE x.value END FROM grid g " + placeJoin
                + "LEFT JOIN dsr x " + on);
        parts.add("SELECT 'service_events_rate', g.period, g.client_group, g.locality, '', '', CAST(coalesce(x.n, 0) AS VARCHAR), "
                + den + ", " + String.format(Locale.ROOT, rate, "coalesce(x.n, 0)", "1000") + " FROM grid g " + placeJoin
                + "LEFT JOIN ec x " + on);
        parts.add("SELECT 'cost_per_head', g.period, g.client_group, g.locality, '', '', CAST(coalesce(x.cost, 0) AS VARCHAR), "
                + den + ", " + String.format(Locale.ROOT, rate, "CAST(coalesce(x.cost, 0) AS DOUBLE)", "1") + " FROM grid g "
                + placeJoin + "LEFT JOIN ec x " + on);
        parts.add("SELECT 'service_users_rate', g.period, g.client_group, g.locality, '', '', CAST(coalesce(x.n, 0) AS VARCHAR), "
                + den + ", " + String.format(Locale.ROOT, rate, "coalesce(x.n, 0)", "1000") + " FROM grid g " + placeJoin
                + "LEFT JOIN uc x " + on);
        parts.add("SELECT 'service_users_rate', g.period, g.client_group, 'All', 'deprivation_decile', CAST(g.decile AS VARCHAR), "
                + "CAST(coalesce(x.n, 0) AS VARCHAR), coalesce(d.pop, 0), "
                + "CASE WHEN coalesce(d.pop, 0) = 0 THEN NULL ELSE coalesce(x.n, 0) / d.pop * 1000 END FROM dgrid g "
                + "LEFT JOIN dden d ON d.fy = g.fy AND d.client_group = g.client_group AND d.decile = g.decile "
                + "LEFT JOIN ucd x ON x.fy = g.fy AND x.client_group = g.client_group AND x.decile = g.decile");
        sql.add("COPY (" + String.join(" UNION ALL ", parts) + " ORDER BY 1, 2, 3, 4, 5, 6) TO "
                + quote(out.toString()) + " (HEADER, DELIMITER ',')");
        return sql;
    }
}
