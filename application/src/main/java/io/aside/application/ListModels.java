package io.aside.application;

import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.PageKey;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.domain.port.ModelRepository;
import java.util.Optional;

/**
 * Lists a category through the cache. Pages are keyed by the category's current generation, which
 * every write to the category moves on: one bump retires all of its pages, whatever their limit.
 */
public final class ListModels {
    private final CacheAside cacheAside;
    private final CachePort cache;
    private final ModelRepository repository;
    private final CacheMetrics metrics;

    public ListModels(CacheAside cacheAside, CachePort cache, ModelRepository repository, CacheMetrics metrics) {
        this.cacheAside = cacheAside;
        this.cache = cache;
        this.repository = repository;
        this.metrics = metrics;
    }

    public Read<ModelPage> list(ListModelsQuery query) {
        if (!cacheAside.cacheTrusted()) return cacheAside.bypass("page", () -> Optional.of(load(query)));
        long generation;
        try {
            generation = cache.generation(query.category());
        } catch (CacheUnavailableException e) {
            metrics.cacheError("generation");
            return Read.loaded(Optional.of(load(query)));
        }
        return cacheAside.read(new PageKey(query.category(), generation, query.limit()), () -> Optional.of(load(query)));
    }

    private ModelPage load(ListModelsQuery query) {
        return new ModelPage(repository.findFirstByCategory(query.category(), query.limit()));
    }
}
