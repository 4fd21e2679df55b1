package io.aside.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * Says what is wrong with a body that is not JSON, in words for the client. Jackson's syntax
 * messages are useful ("Unexpected end-of-input ..."), but some name Jackson's own classes and
 * features; those parts are dropped so the API never reveals what it is built with.
 */
final class JsonErrors {
    private JsonErrors() {}

    static String explain(JsonProcessingException e) {
        return position(e) + reason(e);
    }

    private static String reason(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) return "it is nested too deeply";
        if (e instanceof JsonParseException) return withoutJacksonInternals(e.getOriginalMessage());
        return "unexpected content after the JSON value"; // FAIL_ON_TRAILING_TOKENS: "{} {}", "{}x"
    }

    /** Drops "(start marker at [Source: ...])" and "enable `SomeFeature` to allow", and anything after a leftover. */
    private static String withoutJacksonInternals(String message) {
        String cleaned = message.replaceAll("\\s*\\(start marker at \\[Source:.*?\\]\\)", "")
                .replaceAll(":?\\s*enable `[^`]*` to allow", "");
        int leftover = Math.min(indexOrLength(cleaned, "`"), indexOrLength(cleaned, "[Source"));
        return cleaned.substring(0, leftover).trim();
    }

    private static int indexOrLength(String text, String part) {
        int at = text.indexOf(part);
        return at < 0 ? text.length() : at;
    }

    private static String position(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
    }
}
