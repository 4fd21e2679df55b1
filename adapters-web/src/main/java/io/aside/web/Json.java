package io.aside.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson configuration of the HTTP API. Jackson stays inside this module. */
final class Json {
    /** Valid bodies are two levels deep (object → attributes); anything far deeper is refused early. */
    private static final int MAX_NESTING_DEPTH = 16;

    private Json() {}

    static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                // {"name":"a","name":"b"} is ambiguous: which one did the client mean? Refuse it.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build();
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS) // instants as ISO-8601 text, not numbers
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // "{} {}" is not one JSON document
                .build();
    }
}
