package org.jsna.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsna.console.JsnaException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
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
                .setLabel(src)
                .build();
        Optional<Node> root;
        try {
            checkShape(new Parse(settings).parseString(text), src);
            root = new Compose(settings).composeString(text);
        } catch (YamlEngineException e) {
            throw JsnaException.usage(src + ": invalid YAML: " + oneLine(e.getMessage()));
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
            // like the data files: UTF-8 when valid (a byte-order mark is dropped), else Windows-1252
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                text = new String(bytes, java.nio.charset.Charset.forName("windows-1252"));
            }
        } catch (IOException e) {
            throw JsnaException.io("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text;
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

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("\\s*\\n\\s*", " ").trim();
    }
}
