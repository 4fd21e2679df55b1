package io.aside.bootstrap.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Request bodies of the model API, for tests that create and update models over HTTP. */
public final class ModelJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelJson() {}

    public static String model(String name, String category) {
        return "{\"name\":" + quote(name) + ",\"category\":" + quote(category) + ",\"attributes\":{\"k\":\"v\"}}";
    }

    /** The text as a JSON string literal, escapes and all. */
    public static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
