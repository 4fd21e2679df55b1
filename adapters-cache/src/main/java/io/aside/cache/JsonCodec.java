package io.aside.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.model.Model;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Cached values as JSON. The JSON shape is private to this class (records below), so Jackson never
 * sees a domain type and the domain never sees Jackson. Instants are ISO-8601 strings, exact to the
 * nanosecond. Changing the shape incompatibly means bumping {@link RedisKeys#SCHEMA}.
 */
final class JsonCodec {
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    String encode(Object value) {
        Object json = value instanceof ModelPage page ? PageJson.of(page) : ModelJson.of((Model) value);
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a model always serializes", e);
        }
    }

    /** Decodes what {@link #encode} wrote under a key of this kind; throws {@link UndecodableValueException} otherwise. */
    @SuppressWarnings("unchecked")
    <V> V decode(CacheKey<V> key, String json) {
        // CacheKey is sealed: a key is either a ModelKey or a PageKey.
        Class<?> shape = key instanceof ModelKey ? ModelJson.class : PageJson.class;
        try {
            Object parsed = mapper.readValue(json, shape);
            return (V) (parsed instanceof ModelJson model ? model.toModel() : ((PageJson) parsed).toPage());
        } catch (JsonProcessingException | RuntimeException e) {
            // RuntimeException: JSON that parses but breaks a domain rule (Model.restore validates).
            throw new UndecodableValueException(e);
        }
    }

    private record ModelJson(long id, String name, String category, Map<String, String> attributes,
                             long version, Instant createdAt, Instant updatedAt) {
        static ModelJson of(Model m) {
            return new ModelJson(m.id().value(), m.name(), m.category().value(), m.attributes(), m.version(),
                    m.createdAt(), m.updatedAt());
        }

        Model toModel() {
            return Model.restore(id, name, category, attributes, version, createdAt, updatedAt);
        }
    }

    private record PageJson(List<ModelJson> items) {
        static PageJson of(ModelPage page) {
            return new PageJson(page.items().stream().map(ModelJson::of).toList());
        }

        ModelPage toPage() {
            return new ModelPage(items.stream().map(ModelJson::toModel).toList());
        }
    }

    /** Bytes under one of our keys that are not what we wrote (corruption, or a hand-made key). */
    static final class UndecodableValueException extends RuntimeException {
        UndecodableValueException(Throwable cause) {
            super("cached value cannot be decoded", cause);
        }
    }
}
