package org.jsna.input;

import org.jsna.input.csv.LongSet;

/**
 * The population keys met so far, across the population files, to find a repeated key in file order (asked one
 * row at a time by the reading's ordered step). A long-layout key is packed as {@code area << 27 | sex << 26 |
 * age low << 19 | age high << 12 | year - 1799} (see {@link PopulationLongReader}). The common key — an area of
 * the lookup, a single year of age, one of the first sixteen years met — is one bit in a bitmap per year (four
 * longs per area: 2 sexes × 128 ages), so a national population of 18 million single-year rows takes about a
 * megabyte per year instead of a set of every key; any other key (an age band, an area outside the lookup, a
 * seventeenth year, and every key of the ONS wide layout) goes to a {@link LongSet}.
 */
final class PopulationKeys {

    private static final int YEARS = 16;

    private final boolean packedLong;
    private final int areas;
    private final int[] yearSlot = new int[1 << 12];
    private final long[][] bits = new long[YEARS][];
    private int years;
    private final LongSet others = new LongSet();

    /**
     * @param longLayout whether the keys are those of the long layout (else of the ONS wide layout)
     * @param areas      the number of areas in the lookup
     */
    PopulationKeys(boolean longLayout, int areas) {
        this.packedLong = longLayout;
        this.areas = areas;
        java.util.Arrays.fill(yearSlot, -1);
    }

    /** Adds the key; true if it was not met before. */
    boolean add(long key) {
        if (packedLong) {
            long area = key >>> 27;
            int sex = (int) (key >>> 26) & 1;
            int low = (int) (key >>> 19) & 0x7f;
            int high = (int) (key >>> 12) & 0x7f;
            int y = (int) key & 0xfff;
            if (area < areas && low == high) {
                int slot = yearSlot[y];
                if (slot < 0 && years < YEARS) {
                    slot = yearSlot[y] = years++;
                    bits[slot] = new long[(int) Math.min(Integer.MAX_VALUE - 8, (long) areas * 4)];
                }
                if (slot >= 0) {
                    long bit = (area * 2 + sex) * 128 + low;
                    long[] b = bits[slot];
                    int word = (int) (bit >>> 6);
                    long mask = 1L << (bit & 63);
                    if ((b[word] & mask) != 0) {
                        return false;
                    }
                    b[word] |= mask;
                    return true;
                }
            }
        }
        return others.add(key);
    }
}
