package io.aside.cache;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link CachePort} with a near cache (DESIGN §3.3): hot entries answered from this instance's
 * memory, and still read-your-writes across instances. A hit needs this instance's serving lease
 * ({@link ServingLease}); an entry read from Redis is kept only if no invalidation of it arrived
 * meanwhile ({@link NearEntries}); an invalidation returns once every instance serving a near cache
 * has dropped what it touched, or stopped serving ({@link RedisNearCacheBus}). The protocol itself,
 * leases and fills, is the delegate's.
 */
public final class NearCache implements CachePort, AutoCloseable {
    private final CachePort delegate;
    private final NearEntries entries;
    private final ServingLease lease;
    private final RedisNearCacheBus bus;
    private final long leaseNanos;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    NearCache(CachePort delegate, NearEntries entries, ServingLease lease, RedisNearCacheBus bus, NearCacheSettings settings) {
        this.delegate = delegate;
        this.entries = entries;
        this.lease = lease;
        this.bus = bus;
        this.leaseNanos = settings.servingLease().toNanos();
    }

    @Override
    public <V> Lookup<V> lookup(CacheKey<V> key, LeaseRequest request) {
        boolean serving = lease.serving();
        if (serving) {
            V near = entries.get(key);
            if (near != null) {
                hits.increment();
                return new Lookup.Hit<>(near);
            }
            misses.increment();
        }
        long fence = entries.fence();
        Lookup<V> found = delegate.lookup(key, request);
        if (serving && found instanceof Lookup.Hit<V> hit) entries.put(key, hit.value(), fence, null);
        return found;
    }

    @Override
    public <V> boolean fill(Lease<V> lease, V value, Duration ttl) {
        long fence = entries.fence();
        boolean filled = delegate.fill(lease, value, ttl);
        if (filled && this.lease.serving()) entries.put(lease.key(), value, fence, ttl);
        return filled;
    }

    @Override
    public boolean extend(Lease<?> lease, Duration ttl) {
        return delegate.extend(lease, ttl);
    }

    @Override
    public void release(CacheKey<?> key, String token) {
        delegate.release(key, token);
    }

    @Override
    public void invalidate(Invalidation invalidation) {
        delegate.invalidate(invalidation);
        bus.announce(invalidation, false);
    }

    /**
     * The last attempt for a committed write. The invalidation is announced even if Redis refused it:
     * on a cluster the near cache's master may answer while the entry's is down, and every near cache
     * must still drop what the write replaced. If either part failed, wait one lease before failing:
     * by then any instance that could not hear the announcement has stopped serving from memory, and
     * the other instances' relays have found the write's outbox entry and distrust its keys.
     */
    @Override
    public void invalidatePatiently(Invalidation invalidation) {
        long start = System.nanoTime();
        CacheUnavailableException failed = null;
        try {
            delegate.invalidatePatiently(invalidation);
        } catch (CacheUnavailableException e) {
            failed = e;
        }
        try {
            bus.announce(invalidation, true);
        } catch (CacheUnavailableException e) {
            if (failed == null) failed = e; else failed.addSuppressed(e);
        }
        if (failed == null) return;
        long left;
        while ((left = start + leaseNanos - System.nanoTime()) > 0) LockSupport.parkNanos(left);
        throw failed;
    }

    @Override
    public void ping() {
        delegate.ping();
    }

    /** Whether hits are answered from this instance's memory now. */
    public boolean serving() {
        return lease.serving();
    }

    public NearCacheStats stats() {
        return new NearCacheStats(hits.sum(), misses.sum(), entries.evictions(), entries.weightedBytes(), entries.size(),
                bus.invalidationsReceived());
    }

    @Override
    public void close() {
        bus.close();
    }
}
