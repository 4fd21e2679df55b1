package io.aside.bootstrap.consistency;

import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.CacheConfig;
import io.aside.bootstrap.MemcachedCacheConfig;
import io.aside.bootstrap.RedisCacheConfig;
import io.aside.cache.MemcachedCache;
import io.aside.cache.RedisCache;
import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.PageKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Category;
import io.aside.domain.port.CachePort;
import java.time.Duration;
import java.util.UUID;

/**
 * Looks into the cache the services share, through a cache adapter of its own on their key namespace
 * (with patient timeouts: it checks the protocol, not latency). Made from the services' own settings,
 * it reads the key layout they use, on one Redis, a Redis Cluster (hash-tagged keys, each on its
 * slot's master) or memcached (keys spread by ketama): no key name is spelled out here.
 */
public final class CacheProbe implements AutoCloseable {
    /** What a key holds. {@code value} is set for {@link Kind#VALUE} only. */
    record Peeked<V>(Kind kind, V value) {
        enum Kind { VALUE, TOMBSTONE, EMPTY, LEASED }
    }

    private static final Duration PATIENT = Duration.ofSeconds(2);

    private final CachePort cache;
    private final AutoCloseable connections;

    public CacheProbe(AsideConfig config) {
        CacheConfig shared = config.cache();
        if (shared instanceof RedisCacheConfig redis) {
            RedisCache cache = new RedisCache(redis.settings().withTimeouts(PATIENT, PATIENT));
            this.cache = cache;
            this.connections = cache;
        } else if (shared instanceof MemcachedCacheConfig memcached) {
            MemcachedCache cache = new MemcachedCache(memcached.settings().withTimeouts(PATIENT, PATIENT));
            this.cache = cache;
            this.connections = cache;
        } else {
            throw new IllegalArgumentException("no shared cache to look into: " + shared);
        }
    }

    /**
     * What {@code key} holds, leaving it as it was: lookup takes a lease on an empty key, and that
     * lease is given back at once. LEASED means someone else's lease is on it.
     */
    <V> Peeked<V> peek(CacheKey<V> key) {
        Lookup<V> lookup = cache.lookup(key, new LeaseRequest("probe-" + UUID.randomUUID(), Duration.ofSeconds(1)));
        if (lookup instanceof Lookup.Hit<V> hit) {
            return hit.value() instanceof Presence.Absent ? new Peeked<>(Peeked.Kind.TOMBSTONE, null) : new Peeked<>(Peeked.Kind.VALUE, hit.value());
        }
        if (lookup instanceof Lookup.Leased<V> ours) {
            cache.release(key, ours.lease().token());
            return new Peeked<>(Peeked.Kind.EMPTY, null);
        }
        return new Peeked<>(Peeked.Kind.LEASED, null);
    }

    /** Takes the lease on an empty key, as a reader that will never fill it (it crashed, say). */
    <V> Lease<V> takeLease(CacheKey<V> key, Duration ttl) {
        Lookup<V> lookup = cache.lookup(key, new LeaseRequest("crashed-" + UUID.randomUUID(), ttl));
        if (lookup instanceof Lookup.Leased<V> leased) return leased.lease();
        throw new AssertionError("expected an empty key to lease, found " + lookup);
    }

    /** The category's current generation: the one a lease on a page nobody reads (limit {@code MAX_VALUE}) is taken in, then given back. */
    long generation(Category category) {
        PageKey unread = new PageKey(category, Integer.MAX_VALUE);
        Lease<ModelPage> lease = takeLease(unread, Duration.ofSeconds(1));
        cache.release(unread, lease.token());
        return lease.generation();
    }

    @Override
    public void close() {
        try {
            connections.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the probe's cache client", e);
        }
    }
}
