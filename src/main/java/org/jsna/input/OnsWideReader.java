package org.jsna.input;

import org.jsna.input.csv.Chunk;
import org.jsna.input.csv.CsvRow;
import org.jsna.input.csv.KeyTable;
import org.jsna.validate.Duplicate;
import org.jsna.validate.NumberRule;
import org.jsna.validate.Required;
import org.jsna.validate.RowShape;

/**
 * A population file in the ONS wide layout (data.md, "population_layout: ons-wide"): title rows skipped
 * unread, then a header with the area column and {@code F0} … {@code F90}, {@code M0} … {@code M90}; each
 * row gives 182 cells of one area. A defect in any cell rejects the whole row; the key is (area, year).
 */
final class OnsWideReader extends PopulationReader<OnsWideReader.Rows> {
    private static final int CELLS = 182;

    static final class Rows extends PopulationReader.Pop {
        long[] cells;

        Rows(Chunk chunk, int n) {
            super(chunk, n);
            cells = new long[n * CELLS];
        }

        @Override
        void room() {
            super.room();
            cells = grow(cells, (passed + 1) * CELLS);
        }
    }

    private final int[] cells = new int[CELLS];
    private int year;

    OnsWideReader(InputReader in, String name, Integer itemYear) {
        super(in, name, itemYear, Duplicate.ONS_WIDE_KEY);
    }

    @Override
    void columns() {
        String areaColumn = in.cfg.onsWide().areaColumn();
        iArea = header.find(areaColumn);
        if (iArea < 0) {
            throw header.missing(areaColumn);
        }
        for (int s = 0; s < 2; s++) {
            for (int a = 0; a <= 90; a++) {
                String n = (s == 0 ? "F" : "M") + a;
                int i = header.find(n);
                if (i < 0) {
                    throw header.missing(n);
                }
                cells[s * 91 + a] = i;
            }
        }
        year = itemYear != null ? itemYear : in.cfg.onsWide().year() != null ? in.cfg.onsWide().year() : -1;
    }

    @Override
    Rows rows(Chunk chunk, int n) {
        return new Rows(chunk, n);
    }

    @Override
    boolean row(RowReader.Rows rows, CsvRow r, long line) {
        Rows c = (Rows) rows;
        if (!RowShape.check(r, header.size()) || !Required.present(r, iArea)) {
            return false;
        }
        c.room();
        int at = c.passed * CELLS;
        long total = 0;
        for (int k = 0; k < CELLS; k++) {
            long v = NumberRule.population(r, cells[k]);
            if (v < 0) {
                return false;
            }
            c.cells[at + k] = v;
            total += v;
        }
        int area = area(c, r);
        // one wide row holds every (sex, age) of its area: the key is (area, year) across all files
        long key = c.keyArea << 13 | (year < 0 ? 0 : year - 1799);
        keep(c, r, line, area, total, key);
        return true;
    }

    @Override
    public void finish(Rows c) {
        PopulationBatch b = c.batch(name, c.valid * CELLS);
        for (int i = 0; i < c.passed; i++) {
            if (c.keyFlags[i] == KeyTable.LATER) {
                continue;
            }
            if (c.area[i] < 0) {
                b.rowsOutsideLookup++;
                continue;
            }
            for (int k = 0; k < CELLS; k++) {
                int j = b.next();
                b.area[j] = c.area[i];
                b.sex[j] = (byte) (k < 91 ? 0 : 1);
                b.ageLow[j] = (byte) (k % 91);
                b.ageHigh[j] = (byte) (k % 91);
                b.year[j] = year;
                b.population[j] = c.cells[i * CELLS + k];
            }
        }
        in.sink.population(b);
        recycle(c);
    }
}
