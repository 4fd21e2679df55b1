package io.aside.application;

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

    /** The model, or empty when it does not exist (remembered briefly as a tombstone). */
    public Read<Model> get(ModelId id) {
        return cacheAside.read(new ModelRead(id), () -> repository.findById(id));
    }
}
