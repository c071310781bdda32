package org.jsna.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Compares the indicators written by {@link DuckDbIndicators} with jsna's indicators.csv (run with
 * {@code --no-suppression}): every row of one must be in the other (for the indicators and category
 * types DuckDB computes), counts equal exactly (pounds to the penny), denominators and values equal
 * to a relative 1e-9 (both empty, or both present). Prints a summary and up to 20 differences; exit
 * 0 when they agree, 1 when not. Usage: {@code CheckAgreement DUCKDB_CSV JSNA_INDICATORS_CSV}.
 */
public final class CheckAgreement {

    static final double TOLERANCE = 1e-9;

    private CheckAgreement() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: CheckAgreement DUCKDB_CSV JSNA_INDICATORS_CSV");
            System.exit(2);
        }
        System.exit(check(args[0], args[1]) ? 0 : 1);
    }

    static boolean check(String ours, String jsna) throws Exception {
        String read = "SELECT indicator_id, period, client_group, locality, coalesce(category_type, '') AS category_type, "
                + "coalesce(category, '') AS category, count, denominator, value FROM read_csv(%s, header = true, all_varchar = true)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET threads=2");
            st.execute("CREATE TEMP TABLE a AS " + String.format(read, DuckDbIndicators.quote(ours)));
            st.execute("CREATE TEMP TABLE b AS " + String.format(read, DuckDbIndicators.quote(jsna))
                    + " WHERE indicator_id IN (SELECT DISTINCT indicator_id FROM a) "
                    + "AND coalesce(category_type, '') IN (SELECT DISTINCT category_type FROM a)");
            String rel = "(%1$s IS NULL AND %2$s IS NULL OR abs(CAST(%1$s AS DOUBLE) - CAST(%2$s AS DOUBLE)) "
                    + "<= " + TOLERANCE + " * greatest(abs(CAST(%1$s AS DOUBLE)), abs(CAST(%2$s AS DOUBLE))))";
            st.execute("CREATE TEMP TABLE cmp AS SELECT coalesce(a.indicator_id, b.indicator_id) AS indicator_id, "
                    + "coalesce(a.period, b.period) AS period, coalesce(a.client_group, b.client_group) AS client_group, "
                    + "coalesce(a.locality, b.locality) AS locality, coalesce(a.category_type, b.category_type) AS category_type, "
                    + "coalesce(a.category, b.category) AS category, a.indicator_id IS NOT NULL AS in_duckdb, "
                    + "b.indicator_id IS NOT NULL AS in_jsna, "
                    + "a.count AS duckdb_count, b.count AS jsna_count, a.denominator AS duckdb_den, b.denominator AS jsna_den, "
                    + "a.value AS duckdb_value, b.value AS jsna_value, "
                    + "(a.count IS NULL AND b.count IS NULL OR CAST(a.count AS DECIMAL(38, 6)) = CAST(b.count AS DECIMAL(38, 6))) AS count_ok, "
                    + String.format(rel, "a.denominator", "b.denominator") + " AS den_ok, "
                    + String.format(rel, "a.value", "b.value") + " AS value_ok "
                    + "FROM a FULL OUTER JOIN b ON a.indicator_id = b.indicator_id AND a.period = b.period "
                    + "AND a.client_group = b.client_group AND a.locality = b.locality AND a.category_type = b.category_type "
                    + "AND a.category = b.category");
            long rows;
            long bad;
            long values;
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE NOT (in_duckdb AND in_jsna "
                    + "AND coalesce(count_ok, false) AND coalesce(den_ok, false) AND coalesce(value_ok, false))), "
                    + "count(*) FILTER (WHERE duckdb_value IS NOT NULL) FROM cmp")) {
                rs.next();
                rows = rs.getLong(1);
                bad = rs.getLong(2);
                values = rs.getLong(3);
            }
            try (ResultSet rs = st.executeQuery("SELECT indicator_id, count(*) FROM cmp GROUP BY 1 ORDER BY 1")) {
                StringBuilder sb = new StringBuilder();
                while (rs.next()) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(rs.getString(1)).append(' ').append(rs.getLong(2));
                }
                System.out.println("check: rows compared: " + rows + " (" + sb + "), " + values + " with a value");
            }
            if (bad == 0) {
                System.out.println("check: jsna and DuckDB agree (counts exactly, denominators and values to a relative "
                        + TOLERANCE + ")");
                return true;
            }
            System.out.println("check: " + bad + " rows differ; the first 20:");
            try (ResultSet rs = st.executeQuery("SELECT * FROM cmp WHERE NOT (in_duckdb AND in_jsna "
                    + "AND coalesce(count_ok, false) AND coalesce(den_ok, false) AND coalesce(value_ok, false)) "
                    + "ORDER BY 1, 2, 3, 4, 5, 6 LIMIT 20")) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder("  ");
                    for (int i = 1; i <= n; i++) {
                        sb.append(i == 1 ? "" : " ").append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i));
                    }
                    System.out.println(sb);
                }
            }
            return false;
        }
    }
}
