package io.aside.application;

import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.PageKey;
import io.aside.domain.port.ModelRepository;

/** Lists a category through the cache: one page per category and limit, retired together by any write to the category. */
public final class ListModels {
    private final CacheAside cacheAside;
    private final ModelRepository repository;

    public ListModels(CacheAside cacheAside, ModelRepository repository) {
        this.cacheAside = cacheAside;
        this.repository = repository;
    }

    public Read<ModelPage> list(ListModelsQuery query) {
        return cacheAside.read(new PageKey(query.category(), query.limit()),
                () -> new ModelPage(repository.findFirstByCategory(query.category(), query.limit())));
    }
}
