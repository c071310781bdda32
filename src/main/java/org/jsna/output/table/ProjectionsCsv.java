package org.jsna.output.table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.jsna.projection.ProjectionRow;

/** projections.csv of {@code jsna project} (docs/projection.md), numbers spelled as in indicators.csv. */
public final class ProjectionsCsv {

    public static final String[] HEADER = {"year", "client_group", "locality", "measure", "value", "lower_ci_95",
        "upper_ci_95", "base_value", "change_pct", "method"};

    private ProjectionsCsv() {
    }

    public static void write(List<ProjectionRow> rows, Path file) throws IOException {
        try (CSVPrinter p = CsvTables.open(file, HEADER)) {
            for (ProjectionRow r : rows) {
                p.printRecord(Integer.toString(r.year()), CellFormat.text(r.clientGroup()),
                        CellFormat.text(r.locality()), CellFormat.text(r.measure()), CellFormat.number(r.value()),
                        CellFormat.number(r.lower()), CellFormat.number(r.upper()), CellFormat.number(r.baseValue()),
                        CellFormat.number(r.changePct()), CellFormat.text(r.method()));
            }
        }
    }
}
