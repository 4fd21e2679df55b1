package io.aside.web;

import io.javalin.http.Header;
import java.util.List;
import java.util.Map;

/**
 * Request bodies are JSON, and JSON is UTF-8 (RFC 8259 §8.1): {@code application/json} with any
 * parameters but a charset other than UTF-8. Anything else is 415, before a byte of the body is read.
 */
final class JsonContentType {
    private JsonContentType() {}

    /** Content-Type is a singleton field (RFC 9110 §8.3): given on two lines it is ambiguous, whatever they say. */
    static void require(List<String> fieldLines) {
        if (fieldLines.size() > 1) throw unsupported("Exactly one Content-Type is allowed, got " + fieldLines.size());
        require(fieldLines.isEmpty() ? null : fieldLines.get(0));
    }

    static void require(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw unsupported("A Content-Type of application/json is required");
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase(JsonResponses.JSON)) {
            throw unsupported("The body must be application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset") && parameter.length == 2
                    && !unquote(parameter[1].trim()).equalsIgnoreCase("utf-8")) {
                throw unsupported("JSON bodies must be encoded in UTF-8");
            }
        }
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    /** RFC 9110 §15.5.16: a 415 may name, in Accept, the media type that would have been accepted. */
    private static ProblemException unsupported(String detail) {
        return new ProblemException(Problem.ofStatus(415, detail), Map.of(Header.ACCEPT, JsonResponses.JSON));
    }
}
