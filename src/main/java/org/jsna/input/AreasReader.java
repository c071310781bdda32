package org.jsna.input;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsna.input.csv.Chunk;
import org.jsna.input.csv.CsvFile;
import org.jsna.input.csv.CsvRow;
import org.jsna.input.csv.Encoding;
import org.jsna.input.csv.Reject;
import org.jsna.validate.AreaRules;
import org.jsna.validate.Duplicate;
import org.jsna.validate.Required;
import org.jsna.validate.RowShape;

/**
 * areas.csv (data.md): {@code area_code}, {@code locality}, {@code imd_decile}, optional {@code area_name} and
 * {@code imd_score} (a plain number of 0 or more when given; not used).
 * Area codes are unique (the later line is reported, naming the first); the valid rows, in file order, make
 * the {@link AreaTable}, whose positions are the area indices of every batch. The file is small: its rows are
 * kept as bytes and become text once the file's encoding is known.
 */
final class AreasReader extends RowReader<AreasReader.Areas> {

    /** A row that passed its shape and has an area code: whether it is valid depends on the codes before it. */
    record Candidate(byte[] code, long line, Reject failed, byte[] locality, byte decile, byte[] name) {
    }

    static final class Areas extends RowReader.Rows {
        final List<Candidate> candidates = new ArrayList<>();
        final Set<ByteBuffer> localities = new HashSet<>();

        Areas(Chunk chunk) {
            super(chunk);
        }
    }

    private int iArea;
    private int iLoc;
    private int iImd;
    private int iName;
    /** Optional; not used, but a number when given (data.md: an unparseable number is an error). */
    private int iScore;
    private final Map<ByteBuffer, Long> firstLine = new HashMap<>();
    private final Set<ByteBuffer> localityBytes = new HashSet<>();
    private final List<Candidate> valid = new ArrayList<>();

    AreasReader(InputReader in, String name) {
        super(in, JsnaConfig.AREAS, name);
    }

    @Override
    void columns() {
        iArea = col("area_code", true);
        iLoc = col("locality", true);
        iImd = col("imd_decile", true);
        iName = col("area_name", false);
        iScore = col("imd_score", false);
    }

    @Override
    Areas newRows(Chunk chunk) {
        return new Areas(chunk);
    }

    @Override
    boolean row(RowReader.Rows rows, CsvRow r, long line) {
        Areas c = (Areas) rows;
        byte[] b = r.bytes();
        if (iLoc < r.fieldCount() && !r.blank(iLoc)) {
            // valid row or not: the names the lookup uses (jsna.yaml's localities must be among them)
            c.localities.add(ByteBuffer.wrap(Arrays.copyOfRange(b, r.start(iLoc), r.end(iLoc))));
        }
        if (!RowShape.check(r, header.size()) || !Required.present(r, iArea)) {
            return false;
        }
        byte[] code = Arrays.copyOfRange(b, r.start(iArea), r.end(iArea));
        int decile = -1;
        if (AreaRules.locality(r, iLoc)) {
            decile = AreaRules.imdDecile(r, iImd);
        }
        if (!r.failed()) {
            AreaRules.imdScore(r, iScore);
        }
        Reject failed = r.failed() ? r.reject(line) : null;
        c.candidates.add(new Candidate(code, line, failed, Arrays.copyOfRange(b, r.start(iLoc), r.end(iLoc)),
                (byte) decile, iName >= 0 ? Arrays.copyOfRange(b, r.start(iName), r.end(iName)) : null));
        c.passed++;
        return true;
    }

    @Override
    public void ordered(Areas c, CsvFile.Out out) {
        localityBytes.addAll(c.localities);
        // the area code is checked before locality and decile: a repeated code is the row's defect
        report(c, out, new Dup<>() {
            @Override
            public boolean duplicate(Areas a, int i) {
                Candidate k = a.candidates.get(i);
                Long first = firstLine.get(ByteBuffer.wrap(k.code()));
                if (first != null || k.failed() != null) {
                    return true;
                }
                firstLine.put(ByteBuffer.wrap(k.code()), k.line());
                valid.add(k);
                return false;
            }

            @Override
            public Reject reject(Areas a, int i) {
                Candidate k = a.candidates.get(i);
                Long first = firstLine.get(ByteBuffer.wrap(k.code()));
                if (first == null) {
                    return k.failed();
                }
                return new Reject(k.line(), iArea, k.code(), Duplicate.AREA_CODE.reason,
                        Duplicate.AREA_CODE.expected(first));
            }
        });
    }

    @Override
    public void finish(Areas c) {
    }

    /** The valid areas, as text now that the encoding is known; and the locality names of every row. */
    AreaTable table(Set<String> localityNames) {
        if (read == 0) {
            throw header.noRows("at least one area");
        }
        Charset cs = text.known();
        List<String> codes = new ArrayList<>(valid.size());
        List<String> localities = new ArrayList<>(valid.size());
        List<String> names = new ArrayList<>(valid.size());
        byte[] deciles = new byte[valid.size()];
        for (int i = 0; i < valid.size(); i++) {
            Candidate k = valid.get(i);
            codes.add(decode(k.code(), cs));
            localities.add(decode(k.locality(), cs));
            names.add(k.name() == null ? null : decode(k.name(), cs));
            deciles[i] = k.decile();
        }
        for (ByteBuffer l : localityBytes) {
            localityNames.add(decode(l.array(), cs));
        }
        return new AreaTable(List.copyOf(codes), List.copyOf(localities), deciles,
                Collections.unmodifiableList(names));
    }

    private static String decode(byte[] b, Charset cs) {
        return Encoding.decode(b, 0, b.length, cs);
    }
}
