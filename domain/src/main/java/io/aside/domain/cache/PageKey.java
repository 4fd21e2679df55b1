package io.aside.domain.cache;

import io.aside.domain.model.Category;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the first {@code limit} models of a category are cached. Pages are filed under the
 * category's current generation, which every write to the category moves on: one move retires all of
 * its pages, whatever their limit. The cache resolves the generation in the same step as the lookup.
 */
public record PageKey(Category category, int limit) implements CacheKey<ModelPage> {
    public PageKey {
        Objects.requireNonNull(category, "category");
        if (limit < 1) throw new IllegalArgumentException("limit must be positive");
    }

    @Override
    public EntryKind<ModelPage> kind() {
        return EntryKind.PAGE;
    }

    @Override
    public boolean touchedBy(Invalidation invalidation) {
        return invalidation.categories().contains(category);
    }

    @Override
    public <R> R match(Function<ModelKey, R> model, Function<PageKey, R> page) {
        return page.apply(this);
    }
}
