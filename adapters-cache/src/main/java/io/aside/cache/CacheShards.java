package io.aside.cache;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import java.util.Map;

/**
 * How a cache's entries spread over servers that fail on their own: one server, or a Redis
 * Cluster's masters. {@link CircuitBreakingCache} keeps a breaker per shard, so that a down master
 * sheds only the calls for its slots and reads of keys on the healthy ones stay cached.
 */
public interface CacheShards {
    /** One server: every call counts against one breaker. */
    CacheShards ONE = new CacheShards() {
        private static final String SERVER = "server";

        @Override
        public Object shardOf(CacheKey<?> key) {
            return SERVER;
        }

        @Override
        public Map<Object, Invalidation> split(Invalidation invalidation) {
            return Map.of(SERVER, invalidation);
        }

        @Override
        public Object everyServer() {
            return SERVER;
        }
    };

    /** Which server holds {@code key}'s entry, as the client last learned it. */
    Object shardOf(CacheKey<?> key);

    /** {@code invalidation} in parts, each touching the entries of one server. */
    Map<Object, Invalidation> split(Invalidation invalidation);

    /** What a call to every server (a ping) counts against: the single server, or a shard of its own. */
    Object everyServer();
}
