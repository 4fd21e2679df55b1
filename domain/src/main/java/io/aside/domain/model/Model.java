package io.aside.domain.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A stored model: an identity, the client's content, and the bookkeeping the database owns
 * (an optimistic-concurrency version and two timestamps). Immutable.
 */
public record Model(ModelId id, ModelDraft content, long version, Instant createdAt, Instant updatedAt) {
    public Model {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1) throw new IllegalArgumentException("version starts at 1, got " + version);
    }

    /** Rebuilds a model read back from storage or the cache: a trusted path, validated when it was written. */
    public static Model restore(long id, String name, String category, Map<String, String> attributes,
                                long version, Instant createdAt, Instant updatedAt) {
        return new Model(new ModelId(id), ModelDraft.restore(name, new Category(category), attributes), version, createdAt, updatedAt);
    }

    public String name() {
        return content.name();
    }

    public Category category() {
        return content.category();
    }

    public Map<String, String> attributes() {
        return content.attributes();
    }
}
