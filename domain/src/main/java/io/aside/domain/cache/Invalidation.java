package io.aside.domain.cache;

import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Every cache entry one committed write made stale: model keys, and categories whose pages it changed. */
public record Invalidation(Set<ModelId> models, Set<Category> categories) {
    public Invalidation {
        models = Set.copyOf(models);
        categories = Set.copyOf(categories);
    }

    /** The entries touched by a write whose row states (before and/or after) are {@code touched}. */
    public static Invalidation of(Collection<Model> touched) {
        Set<ModelId> ids = new LinkedHashSet<>();
        Set<Category> categories = new LinkedHashSet<>();
        for (Model m : touched) {
            ids.add(m.id());
            categories.add(m.category());
        }
        return new Invalidation(ids, categories);
    }

    public boolean isEmpty() {
        return models.isEmpty() && categories.isEmpty();
    }
}
