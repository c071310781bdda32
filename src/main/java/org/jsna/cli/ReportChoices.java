package org.jsna.cli;

import java.util.Locale;
import picocli.CommandLine;

/** The closed choices of {@code jsna report}'s options, as types picocli checks (exit 2 for anything else). */
final class ReportChoices {

    private ReportChoices() {
    }

    /** {@code --period}: fiscal years (1 April to 31 March) or calendar years. */
    enum Period {
        FISCAL_YEAR("fiscal-year"), CALENDAR_YEAR("calendar-year");

        final String text;

        Period(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** {@code --on-error}: stop at the first invalid row, or skip invalid rows into rejects.csv. */
    enum OnError {
        FAIL, SKIP;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code --formats}: the outputs to write. */
    enum Format {
        CSV, XLSX, PNG, SVG, HTML;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Reads {@code fiscal-year} / {@code calendar-year}, saying what was expected otherwise. */
    static final class PeriodConverter implements CommandLine.ITypeConverter<Period> {
        @Override
        public Period convert(String value) {
            for (Period p : Period.values()) {
                if (p.text.equalsIgnoreCase(value.trim())) {
                    return p;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' (expected fiscal-year or calendar-year)");
        }
    }
}
