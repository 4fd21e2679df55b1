package io.aside.benchmarks;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.port.CachePort;
import java.time.Duration;

/**
 * A {@link CachePort} that never caches: every lookup is a miss that wins a fresh lease, every fill
 * is refused. Bound in place of the real cache it makes every read go to the
 * database through the very same code path ({@code CacheAside} lease → load → fill), which is the
 * fair "uncached" baseline for the benchmarks.
 *
 * <p>Beside instances with a real cache on the same database, switch this instance's outbox relay off
 * too (as {@link ServicePair} does for {@link LoadRun}): its {@link #invalidate} delivers nothing, so
 * relaying the shared outbox through it would mark other instances' invalidations delivered.
 */
public final class PassThroughCache implements CachePort {
    @Override
    public <V> Lookup<V> lookup(CacheKey<V> key, LeaseRequest request) {
        return new Lookup.Leased<>(new Lease<>(key, request.token(), 0));
    }

    @Override
    public <V> boolean fill(Lease<V> lease, V value, Duration ttl) {
        return false;
    }

    @Override
    public boolean extend(Lease<?> lease, Duration ttl) {
        return true;
    }

    @Override
    public void release(CacheKey<?> key, String token) {}

    @Override
    public void invalidate(Invalidation invalidation) {}

    @Override
    public void invalidatePatiently(Invalidation invalidation) {}

    @Override
    public void ping() {}
}
