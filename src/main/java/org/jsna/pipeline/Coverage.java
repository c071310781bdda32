package org.jsna.pipeline;

import java.time.LocalDate;
import org.jsna.aggregate.Aggregator;
import org.jsna.input.JsnaConfig;

/**
 * The extract's coverage (indicators.md, "Part periods") and where it came from: each end from
 * --from/--to, else jsna.yaml's {@code coverage}, else the whole months from the earliest to the latest
 * referral date or service start date.
 *
 * @param source {@code --from/--to}, {@code jsna.yaml} or {@code data}, or, when the two ends come from different
 *               places, each with its end: {@code jsna.yaml (from), data (to)}
 */
record Coverage(LocalDate from, LocalDate to, String source) {

    /** The coverage of a run; null when there is no record and nothing says. */
    static Coverage of(LocalDate optionFrom, LocalDate optionTo, JsnaConfig cfg, Aggregator agg) {
        LocalDate[] data = agg.dataCoverage();
        LocalDate from = optionFrom != null ? optionFrom : cfg.coverageFrom() != null ? cfg.coverageFrom()
                : data == null ? null : data[0];
        LocalDate to = optionTo != null ? optionTo : cfg.coverageTo() != null ? cfg.coverageTo()
                : data == null ? null : data[1];
        if (from == null || to == null) {
            return null;
        }
        // each end where it came from: coverage: {from: 2022-06-01} alone takes its end from the data
        String fromSource = optionFrom != null ? "--from/--to" : cfg.coverageFrom() != null ? "jsna.yaml" : "data";
        String toSource = optionTo != null ? "--from/--to" : cfg.coverageTo() != null ? "jsna.yaml" : "data";
        String source = fromSource.equals(toSource) ? fromSource : fromSource + " (from), " + toSource + " (to)";
        return new Coverage(from, to, source);
    }
}
