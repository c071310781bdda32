package org.jsna.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jsna.Main;
import org.jsna.console.JsnaException;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Shared pieces of the hostile-input fuzz tests: hostile text generators, a per-try timeout and an
 * in-process run of the command line that checks the exit-code contract (cli.md).
 */
public final class Fuzz {

    /** Time allowed for one try; a try that takes longer is reported as a hang. */
    public static final Duration TIMEOUT = Duration.ofSeconds(
            Long.getLong("jsna.fuzz.timeoutSeconds", 30));

    private Fuzz() {
    }

    /** Runs {@code body} with the per-try timeout; a hang fails the try. */
    public static <T> T within(ThrowingSupplier<T> body) {
        return assertTimeoutPreemptively(TIMEOUT, body, "a try took longer than " + TIMEOUT + " (a hang?)");
    }

    /** The result of a command line run in this JVM. */
    public record Run(int code, byte[] out, String err) {
        public String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    /** Runs jsna in this JVM with the given stdin bytes; fails on a stack trace or an internal error. */
    public static Run run(byte[] stdin, List<String> args) {
        return within(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(args.toArray(new String[0]), new ByteArrayInputStream(stdin),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            String e = err.toString(StandardCharsets.UTF_8);
            return new Run(code, out.toByteArray(), e);
        });
    }

    /** The exit code is one of {@code allowed} and stderr shows neither an internal error nor a stack trace. */
    public static void assertContract(Run r, Set<Integer> allowed, Object what) {
        assertFalse(r.err().contains("internal error"), () -> "internal error on " + what + ":\n" + r.err());
        assertFalse(r.err().contains("\tat "), () -> "stack trace on " + what + ":\n" + r.err());
        assertTrue(allowed.contains(r.code()), () -> "exit " + r.code() + " (expected one of " + allowed + ") on "
                + what + ":\n" + r.err());
        for (String line : r.err().split("\n")) {
            assertTrue(line.isEmpty() || line.startsWith("jsna") || line.startsWith("Try '"),
                    () -> "a message of more than one line on " + what + ":\n" + r.err());
        }
        if (r.code() != 0) {
            String[] lines = r.err().strip().split("\n");
            boolean oneError = false;
            for (String l : lines) {
                oneError |= l.startsWith("jsna: error: ");
            }
            assertTrue(oneError, () -> "no 'jsna: error:' line on " + what + ":\n" + r.err());
        }
    }

    /**
     * Calls {@code body}; only a {@link JsnaException} of one of the {@code allowed} kinds may escape.
     * Anything else (a RuntimeException, an Error such as StackOverflowError or OutOfMemoryError) fails.
     */
    public static void onlyInputErrors(Runnable body, Set<JsnaException.Kind> allowed, Object what) {
        within(() -> {
            try {
                body.run();
            } catch (JsnaException e) {
                if (!allowed.contains(e.kind())) {
                    fail("JsnaException of kind " + e.kind() + " (expected one of " + allowed + ") on " + what
                            + ": " + e.getMessage(), e);
                }
                assertFalse(e.getMessage() == null || e.getMessage().contains("\n"),
                        () -> "message not one line: " + e.getMessage());
            } catch (Throwable t) {
                fail(t.getClass().getName() + " escaped on " + what + ": " + t.getMessage(), t);
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ generators

    /** Cell values that have broken readers: quoting, line ends, NUL, BOM, odd numbers and dates, scripts. */
    public static final List<String> NASTY = List.of("", " ", "\t", ",", "\"", "\"\"", "\"a\"b", "a\"b", "\r", "\n",
            "\r\n", "\0", "\uFEFF", "NaN", "nan", "Infinity", "-Infinity", "Inf", "NA", "null", "1e308", "1e309",
            "-1e309", "4.9e-324", "1e-400", "99999999999999999999999", "9223372036854775808", "-0", "+5", "0x1F",
            "1d", "1,200", "£12", "€3", "12.0", "12.5", "-3", " 7 ", "1e5", "1E+2", ".5", "5.", "-.0e-0",
            "2024-02-30", "2023-13-01", "9999-12-31", "0000-01-01", "+10000-01-01", "2023-05-01T00:00",
            "2023-05-01 10:00:00", "-999999999-01-01", "+999999999-12-31", "1/5/2023", "29/02/2024", "é", "Café", "£", "\uD800", "\uDC00", "\uD83D\uDE00",
            "\u202E", "\u0085", "\u2028", "=SUM(A1)", "@x", "90+", "90 +", "0-4", "0–4", "85-89", "1-4", "0", "1",
            "5", "10", "٣", "١٢", "M", "F", "U", "m", "mental_health", "older_people", "primary_care", "nhs", "A1",
            "R0", "P0", "E0", "\\", "'", "#", "%s", "${x}", "*a", "&a", "!!int", "- x", ": x", "{", "}", "[", "]");

    /** One hostile cell: a nasty token, a long run of one character, or random text. */
    public static Arbitrary<String> nastyCell() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(NASTY)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 20_000)
                        .map(n -> "x".repeat(n))),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(12)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withChars("0123456789.-+eE,\"\r\n ").ofMaxLength(25)));
    }

    /** How a text is turned into bytes: the encodings a council's exports come in, and worse. */
    public enum Encoding {
        UTF8, UTF8_BOM, WINDOWS_1252, UTF16LE_BOM, UTF16BE_BOM, LATIN1_THEN_UTF8;

        public byte[] encode(String text) {
            switch (this) {
                case UTF8:
                    return text.getBytes(StandardCharsets.UTF_8);
                case UTF8_BOM:
                    return ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
                case WINDOWS_1252:
                    return text.getBytes(Charset.forName("windows-1252"));
                case UTF16LE_BOM:
                    return ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE);
                case UTF16BE_BOM:
                    return ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16BE);
                default:
                    // half in one encoding, half in the other: valid UTF-8 up to a point
                    int half = text.length() / 2;
                    byte[] a = text.substring(0, half).getBytes(StandardCharsets.ISO_8859_1);
                    byte[] b = text.substring(half).getBytes(StandardCharsets.UTF_8);
                    byte[] all = new byte[a.length + b.length];
                    System.arraycopy(a, 0, all, 0, a.length);
                    System.arraycopy(b, 0, all, a.length, b.length);
                    return all;
            }
        }
    }

    public static Arbitrary<Encoding> encodings() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just(Encoding.UTF8)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(Encoding.values())));
    }

    /** A mutation applied to a text: the kinds of damage files take in transit and in spreadsheets. */
    public record Mutation(int kind, double where, double length, String token) {
        public String apply(String s) {
            int at = (int) (where * s.length());
            int len = Math.min(s.length() - at, (int) (length * 40));
            switch (kind) {
                case 0: // insert a nasty token
                    return s.substring(0, at) + token + s.substring(at);
                case 1: // delete a stretch
                    return s.substring(0, at) + s.substring(at + len);
                case 2: // replace a stretch by a token
                    return s.substring(0, at) + token + s.substring(at + len);
                case 3: { // duplicate the line at the position
                    int a = s.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
                    int b = s.indexOf('\n', at);
                    b = b < 0 ? s.length() : b + 1;
                    return s.substring(0, b) + s.substring(a, b) + s.substring(b);
                }
                case 4: // cut the text at the position (a truncated download)
                    return s.substring(0, at);
                case 5: // line ends: LF to CRLF or lone CR from here on
                    return s.substring(0, at) + s.substring(at).replace("\n", token.isEmpty() ? "\r" : "\r\n");
                default: // repeat a stretch many times (a huge field or line)
                    return s.substring(0, at) + s.substring(at, at + len).repeat(1 + (int) (length * 200))
                            + s.substring(at + len);
            }
        }
    }

    public static Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1), nastyCell()).as(Mutation::new);
    }

    public static Arbitrary<List<Mutation>> mutationLists() {
        return mutations().list().ofMinSize(0).ofMaxSize(6);
    }

    /** Applies the mutations in order. */
    public static String mutate(String s, List<Mutation> ms) {
        String t = s;
        for (Mutation m : ms) {
            t = m.apply(t);
        }
        return t;
    }

    /** Joins cells as CSV, quoting some (randomly chosen by {@code quoteMask}) RFC-4180 style, and not others. */
    public static String csvLine(List<String> cells, long quoteMask) {
        List<String> out = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            boolean q = ((quoteMask >>> (i % 64)) & 1) == 1;
            out.add(q ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        return String.join(",", out);
    }

    /** A CSV as cells, with the text damage done to it and how it is written (for the fuzz tests of calc). */
    public record Table(List<String> header, List<List<String>> rows, long quoteMask, String lineEnd,
            Encoding encoding, List<Mutation> damage) {
        /** The file's bytes: the rows joined as CSV, damaged, encoded. */
        public byte[] bytes() {
            StringBuilder sb = new StringBuilder(csvLine(header, quoteMask)).append(lineEnd);
            for (List<String> r : rows) {
                sb.append(csvLine(r, quoteMask)).append(lineEnd);
            }
            return encoding.encode(mutate(sb.toString(), damage));
        }

        @Override
        public String toString() {
            return "Table[" + encoding + ", damage " + damage.size() + "]\n" + mutate(
                    csvLine(header, quoteMask) + lineEnd + String.join(lineEnd,
                            rows.stream().map(r -> csvLine(r, quoteMask)).toList()), damage);
        }
    }
}
