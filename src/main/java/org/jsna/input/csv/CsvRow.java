package org.jsna.input.csv;

import java.util.Arrays;
import org.jsna.validate.Fields;

/**
 * The record under a {@link CsvScanner} as the rules read it ({@link Fields}), and the first defect a rule
 * reported for it. One per reading thread.
 */
public final class CsvRow implements Fields {
    private final CsvScanner sc;
    private final CsvFile.Text text;
    private boolean failed;
    private int column;
    private byte[] value;
    private String reason;
    private String expected;

    public CsvRow(CsvScanner sc, CsvFile.Text text) {
        this.sc = sc;
        this.text = text;
    }

    public CsvScanner scanner() {
        return sc;
    }

    /** Starts a new record: no defect yet. */
    public void begin() {
        failed = false;
    }

    /** True when a rule reported a defect of the current record. */
    public boolean failed() {
        return failed;
    }

    /** The defect reported for the current record, at {@code line}. */
    public Reject reject(long line) {
        return new Reject(line, column, value, reason, expected);
    }

    @Override
    public byte[] bytes() {
        return sc.bytes();
    }

    @Override
    public int fieldCount() {
        return sc.fieldCount();
    }

    @Override
    public int start(int i) {
        return sc.start(i);
    }

    @Override
    public int end(int i) {
        return sc.end(i);
    }

    @Override
    public boolean blank(int i) {
        return sc.blank(i);
    }

    @Override
    public int defect() {
        return sc.defect();
    }

    @Override
    public int defectField() {
        return sc.defectField();
    }

    @Override
    public byte[] utf8(int i) {
        return text.utf8(sc.bytes(), sc.start(i), sc.end(i));
    }

    private boolean report(int i, byte[] v, String r, String e) {
        if (!failed) {
            failed = true;
            column = i;
            value = v;
            reason = r;
            expected = e;
        }
        return false;
    }

    @Override
    public boolean reject(int i, String r, String e) {
        byte[] b = sc.bytes();
        return report(i, Arrays.copyOfRange(b, sc.start(i), sc.end(i)), r, e);
    }

    @Override
    public boolean rejectRaw(int i, String r, String e) {
        byte[] b = sc.bytes();
        return report(i, Arrays.copyOfRange(b, sc.rawStart(i), sc.rawEnd(i)), r, e);
    }

    @Override
    public boolean rejectRow(String r, String e) {
        return report(-1, null, r, e);
    }
}
