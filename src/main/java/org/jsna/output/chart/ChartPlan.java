package org.jsna.output.chart;

import java.util.List;
import java.util.Map;

/**
 * The charts of a report: those drawn, keyed by their unique file base name in plan order, and
 * those left out because they would have nothing to show, each with the reason the report gives.
 */
public record ChartPlan(Map<String, ChartSpec> charts, List<Omitted> omitted) {

    /** A chart not drawn: what it would have been (as a {@link ChartSpec}'s parts) and why not. */
    public record Omitted(String kind, String subject, String clientGroup, String locality, String period,
            String title, String reason) {

        static Omitted of(ChartSpec s, String reason) {
            return new Omitted(s.kind(), s.subject(), s.clientGroup(), s.locality(), s.period(), s.title(), reason);
        }
    }
}
