package io.aside.application;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;

/** A read of one model. */
public record ModelRead(ModelId id) implements ReadKey<Model> {
    @Override
    public String kind() {
        return "model";
    }

    @Override
    public CacheKey<Model> locate(CachePort cache) {
        return new ModelKey(id);
    }

    @Override
    public boolean touchedBy(Invalidation invalidation) {
        return invalidation.models().contains(id);
    }
}
