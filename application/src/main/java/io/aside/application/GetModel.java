package io.aside.application;

import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.ModelRepository;

/** Reads one model through the cache. */
public final class GetModel {
    private final CacheAside cacheAside;
    private final ModelRepository repository;

    public GetModel(CacheAside cacheAside, ModelRepository repository) {
        this.cacheAside = cacheAside;
        this.repository = repository;
    }

    /** The model, or its absence (remembered briefly as a tombstone). */
    public Read<Presence<Model>> get(ModelId id) {
        return cacheAside.read(new ModelKey(id), () -> repository.findById(id).map(Presence::of).orElseGet(Presence::absent));
    }
}
