package io.aside.application;

import io.aside.domain.cache.ModelPage;
import io.aside.domain.port.ModelRepository;
import java.util.Optional;

/**
 * Lists a category through the cache. Pages are keyed by the category's current generation, which
 * every write to the category moves on: one bump retires all of its pages, whatever their limit.
 */
public final class ListModels {
    private final CacheAside cacheAside;
    private final ModelRepository repository;

    public ListModels(CacheAside cacheAside, ModelRepository repository) {
        this.cacheAside = cacheAside;
        this.repository = repository;
    }

    public Read<ModelPage> list(ListModelsQuery query) {
        return cacheAside.read(new PageRead(query.category(), query.limit()),
                () -> Optional.of(new ModelPage(repository.findFirstByCategory(query.category(), query.limit()))));
    }
}
