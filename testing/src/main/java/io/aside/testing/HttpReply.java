package io.aside.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a server answered, whichever client asked ({@link ApiClient} or {@link RawHttp}), so that one
 * assertion serves both. Header names are lower-cased; a repeated header keeps every value.
 */
public record HttpReply(int status, Map<String, List<String>> headers, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public HttpReply {
        Map<String, List<String>> byLowerCaseName = new LinkedHashMap<>();
        headers.forEach((name, values) -> byLowerCaseName.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        byLowerCaseName.replaceAll((name, values) -> List.copyOf(values));
        headers = Collections.unmodifiableMap(byLowerCaseName);
    }

    /** The first value of the header, or null when the answer has none. */
    public String header(String name) {
        List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        return values.isEmpty() ? null : values.get(0);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as a JSON tree. Unchecked, so that tests can chain it: {@code reply.json().get("id")}. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text(), e);
        }
    }

    @Override
    public String toString() {
        return status + " " + headers + " " + text();
    }
}
