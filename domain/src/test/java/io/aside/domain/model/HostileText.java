package io.aside.domain.model;

import java.util.Map;
import java.util.TreeMap;

/** Valid text that breaks naive code: what a public API must store and return verbatim. */
public final class HostileText {
    public static final String SQL_INJECTION = "'; DROP TABLE models; --";
    public static final String SCRIPT = "<script>alert('x')</script>";
    public static final String QUOTES = "O'Brien said \"hi\" `tick` \\ back\\slash";
    public static final String EMOJI = "🦄 unicorn ✨ 👩‍👩‍👧 🇫🇷";
    public static final String LONGEST_EMOJI_NAME = "😀".repeat(ModelDraft.MAX_NAME_LENGTH);
    /** The separators of cache keys, paths and escapes, with an accent, an emoji and spaces. */
    public static final String SEPARATORS = "café 🐈 : spaced/category\\";

    private HostileText() {}

    /** The most attributes allowed, with keys and values that need escaping in SQL and in JSON. */
    public static Map<String, String> attributes() {
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
