package io.aside.cache;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.ModelKey;
import java.util.Map;
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
        return invalidation.splitBy(id -> shardOf(new ModelKey(id)), category -> cluster.masterOf(cluster.keys().generation(category)));
    }

    @Override
    public Object everyServer() {
        return EVERY_MASTER;
    }
}
