package io.aside.application;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.PageKey;
import io.aside.domain.model.Category;
import io.aside.domain.port.CachePort;

/** A read of the first {@code limit} models of a category. */
public record PageRead(Category category, int limit) implements ReadKey<ModelPage> {
    @Override
    public String kind() {
        return "page";
    }

    @Override
    public CacheKey<ModelPage> locate(CachePort cache) {
        return new PageKey(category, cache.generation(category), limit);
    }

    @Override
    public boolean touchedBy(Invalidation invalidation) {
        return invalidation.categories().contains(category);
    }
}
