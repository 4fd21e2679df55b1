package io.aside.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aside.cache.EntryCodec.Encoded;
import io.aside.cache.EntryCodec.UndecodableValueException;
import io.aside.domain.cache.EntryKind;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Model;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One codec per kind of entry, as JSON. The JSON shape is private to this class (records below), so
 * Jackson never sees a domain type and the domain never sees Jackson. Instants are ISO-8601 strings,
 * exact to the nanosecond. What we stored was validated when it was written: decoding restores it
 * without checking every rule again. Changing the shape incompatibly means bumping {@link RedisKeys#SCHEMA}.
 */
final class EntryCodecs {
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final EntryCodec<Presence<Model>> models = new ModelCodec();
    private final EntryCodec<ModelPage> pages = new PageCodec();
    private final Map<EntryKind<?>, EntryCodec<?>> byKind = Map.of(EntryKind.MODEL, models, EntryKind.PAGE, pages);

    /** The codec of {@code kind}: the map pairs each kind with a codec of its own type. */
    @SuppressWarnings("unchecked")
    <V> EntryCodec<V> of(EntryKind<V> kind) {
        return (EntryCodec<V>) byKind.get(kind);
    }

    /** A model as JSON, its absence as a bare tombstone tag. */
    private final class ModelCodec implements EntryCodec<Presence<Model>> {
        @Override
        public Encoded encode(Presence<Model> value) {
            if (value instanceof Presence.Present<Model> present) return new Encoded(StoredValue.VALUE, write(ModelJson.of(present.value())));
            return new Encoded(StoredValue.TOMBSTONE, "");
        }

        @Override
        public Presence<Model> decode(char tag, String body) {
            if (tag == StoredValue.TOMBSTONE) return Presence.absent();
            return Presence.of(read(tag, body, ModelJson.class).toModel());
        }
    }

    private final class PageCodec implements EntryCodec<ModelPage> {
        @Override
        public Encoded encode(ModelPage page) {
            return new Encoded(StoredValue.VALUE, write(PageJson.of(page)));
        }

        @Override
        public ModelPage decode(char tag, String body) {
            return read(tag, body, PageJson.class).toPage();
        }
    }

    private String write(Object json) {
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a model always serializes", e);
        }
    }

    private <T> T read(char tag, String body, Class<T> shape) {
        if (tag != StoredValue.VALUE) throw new UndecodableValueException("unexpected tag '" + tag + "'");
        try {
            return mapper.readValue(body, shape);
        } catch (JsonProcessingException | RuntimeException e) {
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
            try {
                return Model.restore(id, name, category, attributes, version, createdAt, updatedAt);
            } catch (RuntimeException e) { // a field missing, say: not what we wrote
                throw new UndecodableValueException(e);
            }
        }
    }

    private record PageJson(List<ModelJson> items) {
        static PageJson of(ModelPage page) {
            return new PageJson(page.items().stream().map(ModelJson::of).toList());
        }

        ModelPage toPage() {
            if (items == null) throw new UndecodableValueException("a page without items");
            return new ModelPage(items.stream().map(ModelJson::toModel).toList());
        }
    }
}
