package io.aside.domain.cache;

import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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

    /**
     * This invalidation in parts by where each entry lives ({@code modelPart}, {@code categoryPart}:
     * a server, a hash slot), so that each part can be sent on its own.
     */
    public <K> Map<K, Invalidation> splitBy(Function<ModelId, K> modelPart, Function<Category, K> categoryPart) {
        Map<K, Set<ModelId>> models = new LinkedHashMap<>();
        Map<K, Set<Category>> categories = new LinkedHashMap<>();
        this.models.forEach(id -> models.computeIfAbsent(modelPart.apply(id), part -> new LinkedHashSet<>()).add(id));
        this.categories.forEach(category -> categories.computeIfAbsent(categoryPart.apply(category), part -> new LinkedHashSet<>()).add(category));
        Map<K, Invalidation> parts = new LinkedHashMap<>();
        models.keySet().forEach(part -> parts.put(part, null));
        categories.keySet().forEach(part -> parts.put(part, null));
        parts.replaceAll((part, none) -> new Invalidation(models.getOrDefault(part, Set.of()), categories.getOrDefault(part, Set.of())));
        return parts;
    }

    public boolean isEmpty() {
        return models.isEmpty() && categories.isEmpty();
    }
}
