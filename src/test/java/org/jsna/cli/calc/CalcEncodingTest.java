package org.jsna.cli.calc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jsna.Main;
import org.jsna.validate.CsvLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jsna calc} reads its inputs as {@code report} does (data.md, "Encoding"): UTF-8 with or without
 * a byte-order mark, anything else as Windows-1252, a UTF-16 file is an input error; from a file or from
 * standard input; within the size limits of docs/data.md. The output is always UTF-8.
 */
class CalcEncodingTest {

    static final Charset CP1252 = Charset.forName("windows-1252");

    @TempDir
    Path dir;

    record Run(int code, byte[] out, String err) {
    }

    static Run run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    static final String TABLE = "area,x,n\nCafé,5,10\n£ group,3,12\nCafé,1,10\n";
    /** By hand: Café 6/20 = 0.3, "£ group" 3/12 = 0.25; groups sorted by code point ('C' before '£'). */
    static final String[] EXPECTED_START = {"area,x,n,value,", "Café,6,20,0.3,", "£ group,3,12,0.25,"};

    private void assertProportions(Run r) {
        assertEquals(0, r.code(), r.err());
        // the output is UTF-8: decoding it strictly gives the names back
        String out = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(r.out())).toString();
        List<String> lines = out.lines().toList();
        assertEquals(3, lines.size(), out);
        for (int i = 0; i < 3; i++) {
            assertTrue(lines.get(i).startsWith(EXPECTED_START[i]), lines.get(i));
        }
        assertTrue(containsBytes(r.out(), "Café".getBytes(StandardCharsets.UTF_8)));
        assertTrue(containsBytes(r.out(), new byte[] {(byte) 0xC2, (byte) 0xA3}), "£ as UTF-8 (C2 A3)");
    }

    private static boolean containsBytes(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String[] proportion(String input) {
        return new String[] {"calc", "proportion", "--input", input, "--numerator", "x", "--denominator", "n",
            "--by", "area"};
    }

    @Test
    void windows1252FileIsReadAsReportReadsItAndWrittenAsUtf8() throws IOException {
        byte[] cp = TABLE.getBytes(CP1252);
        assertEquals((byte) 0xE9, cp[TABLE.indexOf('é')], "é is one byte E9 in Windows-1252");
        Path f = dir.resolve("cp1252.csv");
        Files.write(f, cp);
        assertProportions(run(new byte[0], proportion(f.toString())));
    }

    @Test
    void windows1252OnStandardInput() {
        assertProportions(run(TABLE.getBytes(CP1252), proportion("-")));
    }

    @Test
    void utf8WithAndWithoutByteOrderMarkGivesTheSameOutput() {
        Run plain = run(TABLE.getBytes(StandardCharsets.UTF_8), proportion("-"));
        assertProportions(plain);
        Run bom = run(("\uFEFF" + TABLE).getBytes(StandardCharsets.UTF_8), proportion("-"));
        assertArrayEquals(plain.out(), bom.out());
        assertArrayEquals(plain.out(), run(TABLE.getBytes(CP1252), proportion("-")).out());
    }

    @Test
    void utf16IsAnInputErrorSayingSo() {
        for (Charset cs : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            Run r = run(("\uFEFF" + TABLE).getBytes(cs), proportion("-"));
            assertEquals(3, r.code(), r.err());
            assertEquals("jsna: error: <stdin>: starts with a UTF-16 byte-order mark: expected UTF-8 or Windows-1252 "
                    + "text (in Excel, save as \"CSV UTF-8\")\n", r.err());
        }
    }

    @Test
    void byteOrderMarkThenInvalidUtf8IsAnInputError() {
        byte[] cp = TABLE.getBytes(CP1252);
        byte[] b = new byte[cp.length + 3];
        b[0] = (byte) 0xEF;
        b[1] = (byte) 0xBB;
        b[2] = (byte) 0xBF;
        System.arraycopy(cp, 0, b, 3, cp.length);
        Run r = run(b, proportion("-"));
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().startsWith("jsna: error: <stdin>: bytes that are not valid UTF-8 in a file that starts "
                + "with a UTF-8 byte-order mark"), r.err());
    }

    /** The other inputs of calc go the same way: a Windows-1252 standard with an en dash (byte 96) in a label. */
    @Test
    void windows1252StandardAndReferenceFiles() throws IOException {
        Path std = dir.resolve("std.csv");
        Files.write(std, "age_band,weight\n0–4,1\n5–9,3\n".getBytes(CP1252));
        StringBuilder in = new StringBuilder("grp,band,d,p\n");
        in.append("Zoë,0-4,10,1000\nZoë,5-9,20,1000\n");
        Run r = run(in.toString().getBytes(CP1252), "calc", "dsr", "--input", "-", "--numerator", "d",
                "--denominator", "p", "--age-band", "band", "--by", "grp", "--standard", std.toString());
        assertEquals(0, r.code(), r.err());
        String out = new String(r.out(), StandardCharsets.UTF_8);
        List<String> lines = out.lines().toList();
        assertEquals(2, lines.size(), out + r.err());
        String[] cells = lines.get(1).split(",");
        assertEquals(List.of("Zoë", "30", "2000"), List.of(cells[0], cells[1], cells[2]));
        // (10/1000*1 + 20/1000*3) / 4 * 100000 = 1750
        assertEquals(1750, Double.parseDouble(cells[3]), 1e-9);
    }

    @Test
    void aFieldOverTheLimitIsAnInputErrorNamingLineAndColumn() {
        String big = "a,b\n1,2\n3," + "9".repeat(CsvLimits.MAX_FIELD_CHARS + 1) + "\n";
        Run r = run(big.getBytes(StandardCharsets.US_ASCII), "calc", "mean", "--input", "-", "--value", "b");
        assertEquals(3, r.code(), r.err());
        assertEquals("jsna: error: <stdin>:3: column 'b': a field longer than 1048576 characters: expected a field of "
                + "at most 1048576 characters (1 MiB)\n", r.err());
        String wide = "c" + ",c".repeat(CsvLimits.MAX_FIELDS) + "\n";
        r = run(wide.getBytes(StandardCharsets.US_ASCII), "calc", "mean", "--input", "-", "--value", "c");
        assertEquals(3, r.code(), r.err());
        assertEquals("jsna: error: <stdin>:1: more than 10000 fields in a row: expected at most 10000 columns\n",
                r.err());
    }

    /** Standard input beyond what is kept in memory goes through a temporary file, which is removed afterwards. */
    @Test
    void longStandardInputIsReadWholeAndItsTemporaryCopyRemoved() throws IOException {
        // few long rows (a text column of 2,000 characters) over 9 MiB: the temporary-file path, quickly
        String pad = "p".repeat(2000);
        StringBuilder sb = new StringBuilder("g,v,pad\n");
        int rows = 0;
        while (sb.length() <= (9 << 20)) {
            sb.append(rows % 2 == 0 ? "even," : "odd,").append(rows % 2 == 0 ? "2" : "3").append(',').append(pad)
                    .append('\n');
            rows++;
        }
        List<Path> before = stdinCopies();
        Run r = run(sb.toString().getBytes(StandardCharsets.US_ASCII), "calc", "mean", "--input", "-", "--value", "v",
                "--by", "g");
        assertEquals(0, r.code(), r.err());
        List<String> lines = new String(r.out(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(1).startsWith("even," + (2L * ((rows + 1) / 2)) + "," + ((rows + 1) / 2) + ",0,2,2,2,"),
                lines.get(1));
        assertTrue(lines.get(2).startsWith("odd," + (3L * (rows / 2)) + "," + (rows / 2) + ",0,3,3,3,"), lines.get(2));
        assertEquals(before, stdinCopies(), "no jsna-stdin-* file left behind");
    }

    private static List<Path> stdinCopies() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return new ArrayList<>(s.filter(p -> p.getFileName().toString().startsWith("jsna-stdin-")).sorted().toList());
        }
    }

    /** Was a hang: detection reads to the end, and /dev/zero has none. */
    @Test
    void aDeviceAsInputIsAnIoErrorNotAHang() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "a system with /dev/zero");
        Run r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> run(new byte[0], "calc", "mean", "--input", "/dev/zero", "--value", "v"));
        assertEquals(4, r.code(), r.err());
        assertEquals("jsna: error: --input /dev/zero: is not a regular file (a device or a pipe): expected a CSV "
                + "file, or '-' with the data on standard input\n", r.err());
    }

    @Test
    void noStackTraceAndNoInternalErrorOnAnyOfThese() {
        for (byte[] b : List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFE, (byte) 0xFF}, new byte[0],
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new byte[] {'"'}, new byte[] {0})) {
            Run r = run(b, "calc", "mean", "--input", "-", "--value", "v");
            assertEquals(3, r.code(), r.err());
            assertFalse(r.err().contains("internal error"), r.err());
        }
    }
}
