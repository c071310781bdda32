package org.jsna.input;

import org.jsna.input.csv.Chunk;
import org.jsna.input.csv.CsvFile;
import org.jsna.input.csv.CsvRow;
import org.jsna.input.csv.KeyTable;
import org.jsna.input.csv.Reject;
import org.jsna.validate.Duplicate;
import org.jsna.validate.TextLookup;

/**
 * What the two population layouts share (data.md, "population.csv"): the area of a row (its index in the
 * area lookup, or a number of its own for an area outside it, so that keys can be compared across files),
 * the population key repeated within or across files ({@code duplicate_population_key}: the later row, of
 * valid rows only), the batches for the aggregation, and the file-level rules: a population file may not be
 * header-only, and its valid rows may not all be zero. Rows of areas outside the lookup are read and counted
 * ({@link PopulationBatch#rowsOutsideLookup}), not passed on.
 */
abstract class PopulationReader<C extends PopulationReader.Pop> extends RowReader<C> {

    /** The passing rows of a chunk. */
    static class Pop extends RowReader.Rows {
        /** Per passing row: area index in the lookup, or -1 outside it. */
        int[] area;
        /** Per passing row: the people it gives (all its cells). */
        long[] total;
        /** Per passing row: where its area code is (for the message about a repeated key). */
        int[] areaStart;
        int[] areaEnd;
        /** The number for the key of the area {@link PopulationReader#area} found last. */
        long keyArea;
        /** Per passing row: its line, relative to the chunk's first. */
        int[] line;
        /** Per passing row: its population key, looked up in file order (a repeat is the later row's defect). */
        long[] key;

        /** @param n rows to make room for (see {@link RowReader#expectedRows}) */
        Pop(Chunk chunk, int n) {
            super(chunk);
            area = new int[n];
            total = new long[n];
            areaStart = new int[n];
            areaEnd = new int[n];
            line = new int[n];
            key = new long[n];
        }

        /** The batch handed to the aggregation, filled again for each chunk these rows serve. */
        private PopulationBatch batch;

        /** The chunk's batch for the aggregation: empty, with room for {@code n} records. */
        PopulationBatch batch(String file, int n) {
            if (batch == null) {
                batch = new PopulationBatch(file, n);
            } else {
                batch.size = 0;
                batch.rowsOutsideLookup = 0;
            }
            return batch;
        }

        void room() {
            int n = passed + 1;
            area = grow(area, n);
            total = grow(total, n);
            areaStart = grow(areaStart, n);
            areaEnd = grow(areaEnd, n);
            line = grow(line, n);
            key = grow(key, n);
        }
    }

    final Integer itemYear;
    int iArea;
    private long people;
    private final Duplicate duplicate;

    PopulationReader(InputReader in, String name, Integer itemYear, Duplicate duplicate) {
        super(in, JsnaConfig.POPULATION, name);
        this.itemYear = itemYear;
        this.duplicate = duplicate;
    }

    /** A new chunk of the file's kind of rows. */
    abstract C rows(Chunk chunk, int n);

    @Override
    final C newRows(Chunk chunk) {
        C c = rows(chunk, expectedRows(chunk));
        c.keyFlags = flags(chunk, header.size());
        return c;
    }

        /** The area of field {@code iArea}: its index in the lookup, or -1; {@code c.keyArea} gets a number for the key. */
    int area(C c, CsvRow r) {
        int a = in.areaLookup.get(r, iArea);
        if (a != TextLookup.ABSENT) {
            c.keyArea = a;
            return a;
        }
        byte[] b = r.bytes();
        int s = r.start(iArea);
        int e = r.end(iArea);
        if (!TextLookup.isAscii(b, s, e)) {
            b = r.utf8(iArea);
            s = 0;
            e = b.length;
        }
        c.keyArea = in.areaCount + (long) in.outsideAreas.intern(b, s, e, KeyTable.hash(b, s, e));
        return -1;
    }

    /** Keeps a passing row's key (it may repeat an earlier row's, found in file order later). */
    void keep(C c, CsvRow r, long line, int area, long total, long key) {
        int i = c.passed;
        c.line[i] = (int) (line - c.chunk.startLine());
        c.area[i] = area;
        c.total[i] = total;
        c.areaStart[i] = r.start(iArea);
        c.areaEnd[i] = r.end(iArea);
        c.key[i] = key;
        c.passed++;
    }

    @Override
    public void ordered(C c, CsvFile.Out out) {
        report(c, out, new Dup<>() {
            @Override
            public boolean duplicate(C p, int i) {
                // the rows come here in file order: the first of a key is the one the set has not met
                if (!in.popKeys.add(p.key[i])) {
                    p.keyFlags[i] = KeyTable.LATER;
                    return true;
                }
                p.keyFlags[i] = KeyTable.FIRST;
                people += p.total[i];
                return false;
            }

            @Override
            public Reject reject(C p, int i) {
                byte[] v = java.util.Arrays.copyOfRange(p.chunk.buf(), p.areaStart[i], p.areaEnd[i]);
                return new Reject(p.chunk.startLine() + p.line[i], iArea, v, duplicate.reason,
                        duplicate.expected(0));
            }
        });
    }

    /** The population file's rules on the whole file, once it is read. */
    void end() {
        if (read == 0) {
            throw header.noRows("population rows");
        }
        if (people == 0 && used > 0) {
            throw org.jsna.validate.Header.allZeroPopulation(name);
        }
    }
}
