package io.aside.domain.port;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import java.time.Duration;

/** A {@link CachePort} that passes every call on: tests override the one they change. */
public abstract class ForwardingCache implements CachePort {
    protected final CachePort delegate;

    protected ForwardingCache(CachePort delegate) {
        this.delegate = delegate;
    }

    @Override
    public <V> Lookup<V> lookup(CacheKey<V> key, LeaseRequest request) {
        return delegate.lookup(key, request);
    }

    @Override
    public <V> boolean fill(Lease<V> lease, V value, Duration ttl) {
        return delegate.fill(lease, value, ttl);
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
    }

    @Override
    public void invalidatePatiently(Invalidation invalidation) {
        delegate.invalidatePatiently(invalidation);
    }

    @Override
    public void ping() {
        delegate.ping();
    }
}
