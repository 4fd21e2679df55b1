package io.aside.domain.cache;

import io.aside.domain.model.Category;
import java.util.Objects;

/**
 * Where the first {@code limit} models of a category are cached, within one generation of that
 * category: a write to the category moves it to a new generation, orphaning every older page.
 */
public record PageKey(Category category, long generation, int limit) implements CacheKey<ModelPage> {
    public PageKey {
        Objects.requireNonNull(category, "category");
        if (limit < 1) throw new IllegalArgumentException("limit must be positive");
    }

    @Override
    public String path() {
        return "page:" + category.fingerprint() + ":" + generation + ":" + limit;
    }
}
