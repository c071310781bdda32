package org.jsna.input;

/**
 * Valid population cells (see {@link RecordBatch}): the population of an area, sex and age range in a
 * year. {@code area} is the area's position in the {@link AreaTable}; cells of areas outside the lookup
 * are not passed on, only counted in {@link #rowsOutsideLookup} (rows of the file, not cells: an ONS
 * wide row holds 182 cells). A single year of age has {@code ageLow == ageHigh} (90 = 90 and over).
 */
public final class PopulationBatch extends RecordBatch {
    /** The population file as given (several files may make one population). */
    public final String file;
    /** Rows of this stretch of the file whose area is not in the lookup. */
    public long rowsOutsideLookup;

    public int[] area = new int[0];
    /** 0 female, 1 male. */
    public byte[] sex = new byte[0];
    public byte[] ageLow = new byte[0];
    public byte[] ageHigh = new byte[0];
    /** Mid-year of the estimate, or -1 when the file has no year (one population for every period). */
    public int[] year = new int[0];
    public long[] population = new long[0];

    public PopulationBatch(String file, int capacity) {
        this.file = file;
        grow(capacity);
    }

    @Override
    protected int capacity() {
        return area.length;
    }

    @Override
    public void move(int from, int to) {
        area[to] = area[from];
        sex[to] = sex[from];
        ageLow[to] = ageLow[from];
        ageHigh[to] = ageHigh[from];
        year[to] = year[from];
        population[to] = population[from];
    }

    @Override
    protected void grow(int n) {
        area = grow(area, n);
        sex = grow(sex, n);
        ageLow = grow(ageLow, n);
        ageHigh = grow(ageHigh, n);
        year = grow(year, n);
        population = grow(population, n);
    }
}
