package io.aside.cache;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** A Redis Cluster's masters as shards: an entry belongs to the master of its key's slot, as the client last learned it. */
final class ClusterShards implements CacheShards {
    /** A cluster's pings reach every master: they count against a breaker of their own, not any one master's. */
    private static final String EVERY_MASTER = "every master";

    private final RedisClusterDeployment cluster;
    private final Function<CacheKey<?>, String> entryKey;

    ClusterShards(RedisClusterDeployment cluster, Function<CacheKey<?>, String> entryKey) {
        this.cluster = cluster;
        this.entryKey = entryKey;
    }

    @Override
    public Object shardOf(CacheKey<?> key) {
        return cluster.masterOf(entryKey.apply(key));
    }

    @Override
    public Map<Object, Invalidation> split(Invalidation invalidation) {
        Map<Object, Set<ModelId>> models = new HashMap<>();
        Map<Object, Set<Category>> categories = new HashMap<>();
        invalidation.models().forEach(id -> models.computeIfAbsent(shardOf(new ModelKey(id)), master -> new HashSet<>()).add(id));
        invalidation.categories().forEach(category -> categories.computeIfAbsent(
                cluster.masterOf(cluster.keys().generation(category)), master -> new HashSet<>()).add(category));
        Set<Object> masters = new HashSet<>(models.keySet());
        masters.addAll(categories.keySet());
        Map<Object, Invalidation> parts = new HashMap<>();
        masters.forEach(master -> parts.put(master,
                new Invalidation(models.getOrDefault(master, Set.of()), categories.getOrDefault(master, Set.of()))));
        return parts;
    }

    @Override
    public Object everyServer() {
        return EVERY_MASTER;
    }
}
