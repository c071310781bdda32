package org.jsna.input;

import org.jsna.input.csv.Chunk;
import org.jsna.input.csv.CsvRow;
import org.jsna.input.csv.KeyTable;
import org.jsna.validate.Duplicate;
import org.jsna.validate.NumberRule;
import org.jsna.validate.PopulationRules;
import org.jsna.validate.Required;
import org.jsna.validate.RowShape;

/**
 * A population file in the long layout (data.md): {@code area_code}, {@code sex}, {@code age} or
 * {@code age_band}, optional {@code year}, {@code population}; one row per key (area, sex, age or band,
 * year). The key holds the age as given, so 91, 95 … of one area are distinct rows that add up in the 90 cell.
 */
final class PopulationLongReader extends PopulationReader<PopulationLongReader.Rows> {

    static final class Rows extends PopulationReader.Pop {
        byte[] sex;
        byte[] low;
        byte[] high;
        int[] year;

        Rows(Chunk chunk, int n) {
            super(chunk, n);
            sex = new byte[n];
            low = new byte[n];
            high = new byte[n];
            year = new int[n];
        }

        @Override
        void room() {
            super.room();
            int n = passed + 1;
            sex = grow(sex, n);
            low = grow(low, n);
            high = grow(high, n);
            year = grow(year, n);
        }
    }

    private int iSex;
    private int iAge;
    private int iBand;
    private int iYear;
    private int iPop;

    PopulationLongReader(InputReader in, String name, Integer itemYear) {
        super(in, name, itemYear, Duplicate.POPULATION_KEY);
    }

    @Override
    void columns() {
        iArea = col("area_code", true);
        iSex = col("sex", true);
        iAge = col("age", false);
        iBand = iAge >= 0 ? -1 : col("age_band", false);
        if (iAge < 0 && iBand < 0) {
            throw header.missingOneOf(in.cfg.column(role, "age"), java.util.List.of(in.cfg.column(role, "age_band")));
        }
        iYear = itemYear != null ? -1 : col("year", false);
        iPop = col("population", true);
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
        int sex = PopulationRules.sex(r, iSex, in.populationSexCodes);
        if (sex == PopulationRules.FAILED) {
            return false;
        }
        int lo;
        int hi;
        int rawAge = -1;
        if (iAge >= 0) {
            int a = PopulationRules.age(r, iAge);
            if (a == PopulationRules.FAILED) {
                return false;
            }
            rawAge = a;
            lo = Math.min(a, 90);
            hi = lo;
        } else {
            int b = PopulationRules.band(r, iBand);
            if (b == PopulationRules.FAILED) {
                return false;
            }
            lo = b * 5;
            hi = b == 18 ? 90 : lo + 4;
        }
        int year = -1;
        if (itemYear != null) {
            year = itemYear;
        } else if (iYear >= 0) {
            year = PopulationRules.year(r, iYear);
            if (year == PopulationRules.FAILED) {
                return false;
            }
        }
        long pop = NumberRule.population(r, iPop);
        if (pop < 0) {
            return false;
        }
        int area = area(c, r);
        long y = year < 0 ? 0 : year - 1799;
        int kl = rawAge >= 0 ? rawAge : lo;
        int kh = rawAge >= 0 ? rawAge : hi;
        long key = c.keyArea << 27 | (long) sex << 26 | (long) kl << 19 | (long) kh << 12 | y;
        c.room();
        int i = c.passed;
        c.sex[i] = (byte) sex;
        c.low[i] = (byte) lo;
        c.high[i] = (byte) hi;
        c.year[i] = year;
        keep(c, r, line, area, pop, key);
        return true;
    }

    @Override
    public void finish(Rows c) {
        PopulationBatch b = c.batch(name, c.valid);
        for (int i = 0; i < c.passed; i++) {
            if (c.keyFlags[i] == KeyTable.LATER) {
                continue;
            }
            if (c.area[i] < 0) {
                b.rowsOutsideLookup++;
                continue;
            }
            int j = b.next();
            b.area[j] = c.area[i];
            b.sex[j] = c.sex[i];
            b.ageLow[j] = c.low[i];
            b.ageHigh[j] = c.high[i];
            b.year[j] = c.year[i];
            b.population[j] = c.total[i];
        }
        in.sink.population(b);
        recycle(c);
    }
}
