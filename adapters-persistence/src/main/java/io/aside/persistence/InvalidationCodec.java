package io.aside.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import io.aside.domain.model.ValidationException;
import java.util.List;
import java.util.stream.Collectors;

/** An outbox row's payload: {@code {"models":[ids],"categories":[names]}}, sorted so equal invalidations encode equally. */
final class InvalidationCodec {
    private static final ObjectMapper JSON = JsonMapper.builder()
            // A payload is one object and nothing else, and ids are whole numbers: anything more or
            // less is a damaged row, not something to read around (1.5 would invalidate model 1).
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private InvalidationCodec() {}

    /** The wire shape; plain values only, so no domain rule is bypassed on the way back. */
    record Payload(List<Long> models, List<String> categories) {}

    /** A payload that is not an invalidation; the message says why, for whoever looks at the row. */
    static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason, null, false, false); // an expected outcome, not a bug: no stack trace
        }
    }

    static String encode(Invalidation invalidation) {
        List<Long> ids = invalidation.models().stream().map(ModelId::value).sorted().toList();
        List<String> categories = invalidation.categories().stream().map(Category::value).sorted().toList();
        try {
            return JSON.writeValueAsString(new Payload(ids, categories));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("numbers and strings always encode as JSON", e);
        }
    }

    /** Reads a payload back, through the same domain rules a write obeys: a row is data, and data can be damaged. */
    static Invalidation decode(String json) throws Unreadable {
        Payload payload;
        try {
            payload = JSON.readValue(json, Payload.class);
        } catch (JsonProcessingException e) {
            throw new Unreadable("not an invalidation: " + e.getOriginalMessage());
        }
        if (payload == null || payload.models() == null || payload.categories() == null) {
            throw new Unreadable("not an invalidation: models and categories are both required");
        }
        if (payload.models().contains(null) || payload.categories().contains(null)) {
            throw new Unreadable("not an invalidation: null among models or categories");
        }
        try {
            return new Invalidation(payload.models().stream().map(ModelId::new).collect(Collectors.toSet()),
                    payload.categories().stream().map(Category::new).collect(Collectors.toSet()));
        } catch (ValidationException e) {
            throw new Unreadable("breaks a domain rule: " + e.getMessage());
        }
    }
}
