package org.jsna.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesOrderedMapsListsAndEscapedStrings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "jsna");
        m.put("quote", "a \"b\" \\ c\n\u0001");
        m.put("n", 3L);
        m.put("x", 0.5);
        m.put("nan", Double.NaN);
        m.put("flag", true);
        m.put("none", null);
        m.put("list", List.of(1, "two"));
        m.put("empty", Map.of());
        assertEquals("{\n  \"tool\": \"jsna\",\n  \"quote\": \"a \\\"b\\\" \\\\ c\\n\\u0001\",\n  \"n\": 3,\n"
                + "  \"x\": 0.5,\n  \"nan\": null,\n  \"flag\": true,\n  \"none\": null,\n"
                + "  \"list\": [\n    1,\n    \"two\"\n  ],\n  \"empty\": {}\n}\n", Json.write(m));
    }
}
