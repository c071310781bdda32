package org.jsna.console;

/**
 * The one exception type of jsna: a message for the user and the exit code it ends the run with
 * (cli.md, "Exit codes"). Printed as one line; the stack trace only with {@code --verbose}.
 */
public final class JsnaException extends RuntimeException {

    /** Exit codes of the command-line contract. */
    public enum Kind {
        INTERNAL(1), USAGE(2), INPUT(3), IO(4);

        public final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    /** Values quoted in messages are cut to this many characters (data.md). */
    public static final int MAX_QUOTED = 80;

    private final Kind kind;

    public JsnaException(Kind kind, String message) {
        super(oneLine(message));
        this.kind = kind;
    }

    public JsnaException(Kind kind, String message, Throwable cause) {
        super(oneLine(message), cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public int exitCode() {
        return kind.exitCode;
    }

    public static JsnaException usage(String message) {
        return new JsnaException(Kind.USAGE, message);
    }

    public static JsnaException io(String message) {
        return new JsnaException(Kind.IO, message);
    }

    public static JsnaException io(String message, Throwable cause) {
        return new JsnaException(Kind.IO, message, cause);
    }

    /** An input-data error: file, line and column, the value found and what was expected. */
    public static JsnaException input(String file, long line, String column, String value, String expected) {
        return new JsnaException(Kind.INPUT, where(file, line, column) + ": " + describe(value, expected));
    }

    /** An input-data error that concerns a whole file or column rather than one value. */
    public static JsnaException input(String message) {
        return new JsnaException(Kind.INPUT, message);
    }

    /** {@code file:line: column 'c'} with the parts that are known. */
    public static String where(String file, long line, String column) {
        StringBuilder sb = new StringBuilder(file == null ? "<input>" : file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        if (column != null && !column.isEmpty()) {
            sb.append(": column '").append(column).append('\'');
        }
        return sb.toString();
    }

    /** {@code value 'x': expected y}, the value quoted and cut to {@link #MAX_QUOTED} characters. */
    public static String describe(String value, String expected) {
        if (value == null) {
            return expected;
        }
        return "value '" + quote(value) + "': expected " + expected;
    }

    /** A value as it may be quoted in a message: at most 80 characters, control characters shown. */
    public static String quote(String value) {
        return oneLine(value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "…" : value);
    }

    /**
     * The text with every control character and line separator shown as {@code \\u0000}, so that a
     * message is one line on stderr whatever text from a file or jsna.yaml (a column name, a code, a
     * client group id) it holds.
     */
    public static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029;
            if (control && sb == null) {
                sb = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (control) {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /**
     * Why a path could not be read (from the command line or jsna.yaml) when the system's locale cannot spell it:
     * Java decodes arguments and file names in the locale's character set, and under {@code LANG=C} (cron's
     * default) a name such as {@code Ynys Môn} is not a path. Empty otherwise.
     */
    public static String localeHint(Throwable ex) {
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof java.nio.file.InvalidPathException
                    || String.valueOf(c.getMessage()).contains("InvalidPathException")) {
                String cs = System.getProperty("sun.jnu.encoding", "");
                if (!cs.toUpperCase(java.util.Locale.ROOT).replace("-", "").equals("UTF8")) {
                    return "; this system's locale (character set " + cs + ") cannot spell it: run jsna with a UTF-8 "
                            + "locale, e.g. LC_ALL=C.UTF-8 (scripts/jsna sets it)";
                }
            }
        }
        return "";
    }
}
