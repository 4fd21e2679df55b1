package io.aside.bootstrap.consistency;

import io.aside.bootstrap.consistency.CacheProbe.Peeked;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.PageKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.ModelRepository;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares what the cache holds with the database, once nothing is writing: a cached model must be
 * its row, a tombstone must stand for a missing row, and every cached page of a category's current
 * generation must be the query's answer. Entries that are absent are never wrong.
 */
public final class CacheAudit {
    private final CacheProbe probe;
    private final ModelRepository database;
    private final List<String> mismatches = new ArrayList<>();
    private final Map<Peeked.Kind, Integer> models = new EnumMap<>(Peeked.Kind.class);
    private final Map<Peeked.Kind, Integer> pages = new EnumMap<>(Peeked.Kind.class);

    public CacheAudit(CacheProbe probe, ModelRepository database) {
        this.probe = probe;
        this.database = database;
    }

    public void model(ModelId id) {
        Optional<Model> row = database.findById(id);
        Peeked<Presence<Model>> cached = probe.peek(new ModelKey(id));
        models.merge(cached.kind(), 1, Integer::sum);
        if (cached.kind() == Peeked.Kind.VALUE && !cached.value().equals(row.map(Presence::of).orElseGet(Presence::absent))) {
            mismatches.add("model " + id + ": cached " + cached.value() + " but the database has " + row);
        }
        if (cached.kind() == Peeked.Kind.TOMBSTONE && row.isPresent()) {
            mismatches.add("model " + id + ": cached as not found but the database has " + row.get());
        }
    }

    void pages(Category category, int limit) {
        long generation = probe.generation(category);
        Peeked<ModelPage> cached = probe.peek(new PageKey(category, limit));
        pages.merge(cached.kind(), 1, Integer::sum);
        if (cached.kind() != Peeked.Kind.VALUE) return;
        List<Model> rows = database.findFirstByCategory(category, limit);
        if (!cached.value().items().equals(rows)) {
            mismatches.add("page '" + category + "' limit " + limit + " generation " + generation + ": cached "
                    + ids(cached.value().items()) + " " + cached.value().items() + " but the database has " + ids(rows) + " " + rows);
        }
    }

    public List<String> mismatches() {
        return List.copyOf(mismatches);
    }

    /** How many models were found cached as a value: the audit had rows to compare. */
    public int cachedModels() {
        return models.getOrDefault(Peeked.Kind.VALUE, 0);
    }

    /** How many pages of a current generation were found cached. */
    int cachedPages() {
        return pages.getOrDefault(Peeked.Kind.VALUE, 0);
    }

    @Override
    public String toString() {
        return "audited models " + models + ", current pages " + pages;
    }

    private static List<Long> ids(List<Model> models) {
        return models.stream().map(m -> m.id().value()).toList();
    }
}
