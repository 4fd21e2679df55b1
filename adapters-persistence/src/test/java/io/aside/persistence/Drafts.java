package io.aside.persistence;

import io.aside.domain.model.ModelDraft;
import java.util.Map;
import java.util.TreeMap;

/** Test data: drafts, including the hostile values a public API must store verbatim. */
final class Drafts {
    private Drafts() {}

    static final String SQL_INJECTION = "'; DROP TABLE models; --";
    static final String SCRIPT = "<script>alert('x')</script>";
    static final String QUOTES = "O'Brien said \"hi\" `tick` \\ back\\slash";
    static final String EMOJI = "🦄 unicorn ✨ 👩‍👩‍👧 🇫🇷";
    static final String LONGEST_EMOJI_NAME = "😀".repeat(ModelDraft.MAX_NAME_LENGTH);

    static ModelDraft draft(String name, String category) {
        return ModelDraft.of(name, category, Map.of());
    }

    static ModelDraft draft(String name, String category, Map<String, String> attributes) {
        return ModelDraft.of(name, category, attributes);
    }

    /** The most attributes allowed, with keys and values that need escaping in SQL and in JSON. */
    static Map<String, String> hostileAttributes() {
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("sql", SQL_INJECTION);
        attributes.put("html", SCRIPT);
        attributes.put("quotes", QUOTES);
        attributes.put("emoji 🔑", EMOJI);
        attributes.put("json", "{\"not\": [\"parsed\"]} \\u0000");
        attributes.put("lines", "one\ntwo\r\nthree\tfour");
        attributes.put("empty", "");
        attributes.put("longest", "é".repeat(ModelDraft.MAX_ATTRIBUTE_VALUE_LENGTH));
        for (int i = attributes.size(); i < ModelDraft.MAX_ATTRIBUTES; i++) attributes.put("k" + i, "v" + i);
        return attributes;
    }
}
