package io.aside.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import java.util.List;
import java.util.stream.Collectors;

/** An outbox row's payload: {@code {"models":[ids],"categories":[names]}}, sorted so equal invalidations encode equally. */
final class InvalidationCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InvalidationCodec() {}

    /** The wire shape; plain values only, so no domain rule is bypassed on the way back. */
    record Payload(List<Long> models, List<String> categories) {}

    static String encode(Invalidation invalidation) {
        List<Long> ids = invalidation.models().stream().map(ModelId::value).sorted().toList();
        List<String> categories = invalidation.categories().stream().map(Category::value).sorted().toList();
        try {
            return JSON.writeValueAsString(new Payload(ids, categories));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("numbers and strings always encode as JSON", e);
        }
    }

    static Invalidation decode(long outboxId, String json) {
        try {
            Payload payload = JSON.readValue(json, Payload.class);
            return new Invalidation(payload.models().stream().map(ModelId::new).collect(Collectors.toSet()),
                    payload.categories().stream().map(Category::new).collect(Collectors.toSet()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox entry " + outboxId + " is not an invalidation", e);
        }
    }
}
