package org.jsna.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsna.console.JsnaException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

/**
 * Reads {@code jsna.yaml} into YAML nodes, each knowing its line and column, so that every message about a
 * key or value can say where it is (docs/data.md, "jsna.yaml reference"). The failsafe schema: only maps,
 * lists and text, so {@code 01} stays {@code "01"} and no type is ever guessed ({@link ConfigLoader} converts
 * numbers and booleans key by key). A YAML tag other than text, map or list, and a key given twice in a map,
 * are refused here, as constructing Java objects from the nodes refused them before.
 */
final class ConfigYaml {

    /** Limits of jsna.yaml (docs/data.md, "Limits"): a real one is a few kilobytes, a few levels deep. */
    static final int MAX_YAML_BYTES = 1 << 20;
    static final int MAX_YAML_DEPTH = 32;
    static final int MAX_YAML_ALIASES = 50;

    private static final Set<Tag> TEXT_TAGS = Set.of(Tag.STR, Tag.NULL);

    private ConfigYaml() {
    }

    /** The document's root node, or empty for a document without content (empty, comments only, {@code ---}). */
    static Optional<Node> read(Path file) {
        String src = file.toString();
        String text = text(file, src);
        LoadSettings settings = LoadSettings.builder()
                .setSchema(new FailsafeSchema())
                .setMaxAliasesForCollections(MAX_YAML_ALIASES)
                .setCodePointLimit(MAX_YAML_BYTES)
                .setAllowNonScalarKeys(true)
                .setLabel(src)
                .build();
        Optional<Node> root;
        try {
            checkShape(new Parse(settings).parseString(text), src);
            root = new Compose(settings).composeString(text);
        } catch (YamlEngineException e) {
            throw invalid(src, text, e);
        }
        root.ifPresent(n -> checkTree(n, src, Collections.newSetFromMap(new IdentityHashMap<>())));
        if (root.isPresent() && root.get() instanceof ScalarNode s && text(s).isEmpty()) {
            return Optional.empty();
        }
        return root;
    }

    /** The text of a scalar: a null node ({@code key:} with nothing after it, {@code !!null}) is the empty text. */
    static String text(ScalarNode s) {
        return s.getTag().equals(Tag.NULL) ? "" : s.getValue();
    }

    /** {@code file:line: column c} of a node, as messages name a place in jsna.yaml (lines and columns from 1). */
    static String at(String src, Node n) {
        if (n == null) {
            return src;
        }
        return at(src, n.getStartMark());
    }

    static String at(String src, Optional<Mark> mark) {
        return mark.map(m -> JsnaException.where(src, m.getLine() + 1, null) + ": column " + (m.getColumn() + 1))
                .orElse(src);
    }

    /** The line of a node, from 1. */
    static int line(Node n) {
        return n.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    private static String text(Path file, String src) {
        String text;
        try {
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                // never more than the limit in memory, even from a file that does not end (--config /dev/zero)
                bytes = in.readNBytes(MAX_YAML_BYTES + 1);
            }
            if (bytes.length > MAX_YAML_BYTES) {
                throw JsnaException.input(src + ": more than " + MAX_YAML_BYTES + " bytes: expected a jsna.yaml "
                        + "of at most " + MAX_YAML_BYTES + " bytes (1 MiB)");
            }
            text = decode(bytes, src);
        } catch (IOException e) {
            throw JsnaException.io("cannot read " + file + ": " + e.getMessage(), e);
        }
        return text;
    }

    /**
     * The text of jsna.yaml, decoded as the data files are (docs/data.md, "Encoding"): UTF-8 when valid (a UTF-8
     * byte-order mark is dropped), else Windows-1252. A file in another encoding is a usage error that says to
     * save it as UTF-8, as the CSV readers say: a UTF-16 or UTF-32 byte-order mark, a NUL byte (UTF-16 or UTF-32
     * without a mark: every ASCII character has a NUL beside it), invalid UTF-8 after a UTF-8 byte-order mark,
     * and the five bytes that Windows-1252 leaves undefined.
     */
    private static String decode(byte[] b, String src) {
        if (b.length >= 4 && (b[0] == 0 && b[1] == 0 && (b[2] & 0xff) == 0xFE && (b[3] & 0xff) == 0xFF
                || (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE && b[2] == 0 && b[3] == 0)) {
            throw notUtf8(src, ": starts with a UTF-32 byte-order mark");
        }
        if (b.length >= 2 && ((b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE || (b[0] & 0xff) == 0xFE
                && (b[1] & 0xff) == 0xFF)) {
            throw notUtf8(src, ": starts with a UTF-16 byte-order mark");
        }
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                throw notUtf8(src, ":" + lineAt(b, i) + ": a NUL byte, as in a file saved as UTF-16");
            }
        }
        boolean bom = b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b);
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(in).toString();
            return bom ? text.substring(1) : text;
        } catch (java.nio.charset.CharacterCodingException e) {
            if (bom) {
                throw JsnaException.usage(src + ":" + lineAt(b, in.position()) + ": bytes that are not valid UTF-8 in "
                        + "a file that starts with a UTF-8 byte-order mark: expected UTF-8 text throughout (save "
                        + "jsna.yaml as UTF-8)");
            }
        }
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D) {
                throw notUtf8(src, ":" + lineAt(b, i) + ": a byte (0x" + Integer.toHexString(c).toUpperCase(Locale.ROOT)
                        + ") that is neither UTF-8 nor Windows-1252");
            }
        }
        return new String(b, java.nio.charset.Charset.forName("windows-1252"));
    }

    private static JsnaException notUtf8(String src, String what) {
        return JsnaException.usage(src + what + ": expected UTF-8 (or Windows-1252) text (save jsna.yaml as UTF-8; "
                + "in Notepad, Save as with Encoding UTF-8)");
    }

    /** The line (from 1) of byte {@code at}. */
    private static int lineAt(byte[] b, int at) {
        int line = 1;
        for (int i = 0; i < at && i < b.length; i++) {
            if (b[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Checks the YAML events before anything is built from them: maps and lists nested at most
     * {@link #MAX_YAML_DEPTH} deep (snakeyaml-engine builds nested nodes recursively and has no depth
     * limit of its own: a deep file would overflow the stack) and at most {@link #MAX_YAML_ALIASES}
     * aliases (a "billion laughs" alias bomb). Over a limit is an input error (exit 3).
     */
    private static void checkShape(Iterable<Event> events, String src) {
        int depth = 0;
        int aliases = 0;
        for (Event e : events) {
            switch (e.getEventId()) {
                case MappingStart:
                case SequenceStart:
                    if (++depth > MAX_YAML_DEPTH) {
                        throw JsnaException.input(src + ":" + line(e) + ": maps and lists nested more than "
                                + MAX_YAML_DEPTH + " deep: expected a jsna.yaml nested at most " + MAX_YAML_DEPTH
                                + " levels deep");
                    }
                    break;
                case MappingEnd:
                case SequenceEnd:
                    depth--;
                    break;
                case Alias:
                    if (++aliases > MAX_YAML_ALIASES) {
                        throw JsnaException.input(src + ":" + line(e) + ": more than " + MAX_YAML_ALIASES
                                + " aliases (*name): expected a jsna.yaml with at most " + MAX_YAML_ALIASES
                                + " aliases");
                    }
                    break;
                default:
                    break;
            }
        }
    }

    private static int line(Event e) {
        return e.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    /**
     * Every node once (an alias shares its anchor's node, and may hold it): text, maps and lists only, no other
     * tag, and no key twice in one map.
     */
    private static void checkTree(Node n, String src, Set<Node> seen) {
        if (!seen.add(n)) {
            return;
        }
        boolean plain = n instanceof ScalarNode ? TEXT_TAGS.contains(n.getTag())
                : n.getTag().equals(n instanceof MappingNode ? Tag.MAP : Tag.SEQ);
        if (!plain) {
            throw JsnaException.usage(at(src, n) + ": invalid YAML: the tag '" + JsnaException.quote(n.getTag()
                    .toString()) + "': expected text, maps and lists without tags (jsna.yaml reads every value as "
                    + "text)");
        }
        if (n instanceof MappingNode m) {
            Map<String, Node> keys = new HashMap<>();
            for (NodeTuple t : m.getValue()) {
                Node k = t.getKeyNode();
                if (!(k instanceof ScalarNode)) {
                    throw JsnaException.usage(at(src, k) + ": invalid YAML: a " + (k instanceof MappingNode ? "map"
                            : "list") + " as a key: expected text keys (key: value)");
                }
                checkTree(k, src, seen);
                if (k instanceof ScalarNode s) {
                    Node first = keys.putIfAbsent(text(s), k);
                    if (first != null) {
                        throw JsnaException.usage(at(src, k) + ": invalid YAML: the key '" + JsnaException.quote(
                                text(s)) + "' is given twice in one map (first at line " + line(first)
                                + "): expected each key once");
                    }
                }
                checkTree(t.getValueNode(), src, seen);
            }
        } else if (n instanceof SequenceNode l) {
            for (Node item : l.getValue()) {
                checkTree(item, src, seen);
            }
        }
    }

    /**
     * SnakeYAML's error as one line in words: the place (where the problem was found, or where the construct
     * that it ends opens), then what is wrong and what was expected; never a Java class name or its
     * multi-line snippet.
     */
    static JsnaException invalid(String src, String text, YamlEngineException e) {
        if (e instanceof ReaderException r) {
            // a character YAML does not allow anywhere in a file (a control character)
            int at = text.offsetByCodePoints(0, Math.min(r.getPosition(), text.codePointCount(0, text.length())));
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return JsnaException.usage(JsnaException.where(src, line, null) + ": column "
                    + (text.codePointCount(lineStart, at) + 1) + ": invalid YAML: the character "
                    + String.format(Locale.ROOT, "U+%04X", r.getCodePoint()) + ", which YAML does not allow in a "
                    + "file: expected UTF-8 text without control characters");
        }
        if (!(e instanceof MarkedYamlEngineException m)) {
            return JsnaException.usage(src + ": invalid YAML: " + plain(e.getMessage()));
        }
        String problem = m.getProblem() == null ? "" : m.getProblem();
        String context = m.getContext() == null ? "" : m.getContext();
        Optional<Mark> found = m.getProblemMark().isPresent() ? m.getProblemMark() : m.getContextMark();
        Optional<Mark> opens = m.getContextMark();
        String opened = opens.map(x -> " (it opens at line " + (x.getLine() + 1) + ", column " + (x.getColumn() + 1)
                + ")").orElse("");
        String words;
        java.util.regex.Matcher start = java.util.regex.Pattern.compile("found character '(.+?)' that cannot start "
                + "any token").matcher(problem);
        if (problem.contains("\\t(TAB)") || problem.contains("\t(TAB)")) {
            words = "a tab, which YAML does not allow for indentation: expected spaces";
        } else if (start.find()) {
            words = "a value starting with '" + start.group(1) + "', which YAML keeps for itself: expected the value "
                    + "in quotes";
        } else if (context.contains("quoted scalar") && problem.contains("end of stream")) {
            found = opens;
            words = "a quoted value that is never closed: expected a closing quote";
        } else if (context.contains("quoted scalar") && problem.contains("document separator")) {
            found = opens;
            words = "a quoted value that runs into a document separator (---): expected a closing quote";
        } else if (problem.startsWith("found unknown escape character")) {
            words = "an unknown escape in a double-quoted value: expected one of \\\\, \\\", \\n, \\t, \\xXX, \\uXXXX "
                    + "(or single quotes, which have no escapes)";
        } else if (context.contains("flow sequence")) {
            words = "a list in [ ] that is not closed, or items without a comma between them" + opened
                    + ": expected ',' or ']'";
        } else if (context.contains("flow mapping")) {
            words = "a map in { } that is not closed, or entries without a comma between them" + opened
                    + ": expected ',' or '}'";
        } else if (problem.contains("<scalar>") && (context.contains("block") || context.contains("flow"))) {
            words = "more text after a value in quotes: expected the whole value inside the quotes";
        } else if (problem.contains("another document")) {
            words = "a second YAML document (after ---): expected one document";
        } else if (context.contains("block mapping") || context.contains("block collection")) {
            words = "a line indented unlike the " + (context.contains("mapping") ? "map" : "list") + " it is in"
                    + opened + ": expected its " + (context.contains("mapping") ? "keys" : "items")
                    + " under one another, indented with the same number of spaces";
        } else if (problem.startsWith("mapping values are not allowed")) {
            words = "': ' where no key can start: expected a value holding ': ' in quotes, or the key on a line of "
                    + "its own";
        } else if (context.contains("simple key")) {
            found = opens;
            words = "a line that is neither 'key: value' nor a list item '- ': expected ':' after the key";
        } else if (problem.startsWith("found undefined alias")) {
            words = "an alias (*" + problem.substring("found undefined alias".length()).trim() + ") with no anchor "
                    + "(&name) before it: expected an anchor defined first";
        } else {
            words = plain(problem) + (context.isEmpty() ? "" : " (" + plain(context) + opened + ")");
        }
        return JsnaException.usage(at(src, found) + ": invalid YAML: " + words);
    }

    /** SnakeYAML's own words on one line, its token names ({@code <stream end>}) in plain words. */
    private static String plain(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("<stream end>", "the end of the file").replace("<block end>", "the end of an indented block")
                .replaceAll("'?<([a-z ]+)>'?", "$1").replaceAll("\\s*\\n\\s*", " ").trim();
    }
}
