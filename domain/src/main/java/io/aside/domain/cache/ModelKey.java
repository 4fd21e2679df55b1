package io.aside.domain.cache;

import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import java.util.Objects;

/** Where one model is cached. */
public record ModelKey(ModelId id) implements CacheKey<Model> {
    public ModelKey {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String path() {
        return "model:" + id.value();
    }
}
