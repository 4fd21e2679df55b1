package io.aside.application;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake {@link CachePort} with the lease semantics of DESIGN §3, for tests that need a real lease:
 * one lease per key, a fill only while it holds, an invalidation that takes it away (a page's too:
 * one generation, which a write to its category ends). Entries never
 * expire. Lookups can be held, so a test can line readers up before the first one gets its answer.
 */
final class LeasingCache implements CachePort {
    private sealed interface Entry {}

    private record Stored(Object value) implements Entry {}

    private record Held(String token) implements Entry {}

    private final Map<CacheKey<?>, Entry> entries = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final CountDownLatch looking = new CountDownLatch(1);
    private volatile CountDownLatch held = new CountDownLatch(0);
    private volatile boolean down;

    /** Lookups time out from now on. */
    void goDown() {
        down = true;
    }

    /** Lookups wait, after being counted, until {@link #answerLookups()}. */
    void holdLookups() {
        held = new CountDownLatch(1);
    }

    void answerLookups() {
        held.countDown();
    }

    /** Waits until a lookup has been asked. */
    void awaitLookup() {
        Latches.await(looking);
    }

    int lookups() {
        return lookups.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> Lookup<V> lookup(CacheKey<V> key, LeaseRequest request) {
        lookups.incrementAndGet();
        looking.countDown();
        Latches.await(held);
        if (down) throw new CacheUnavailableException("lookup timed out", null);
        synchronized (this) {
            Entry entry = entries.get(key);
            if (entry instanceof Stored stored) return new Lookup.Hit<>((V) stored.value());
            if (entry instanceof Held lease && !lease.token().equals(request.token())) return new Lookup.Busy<>();
            entries.put(key, new Held(request.token()));
            return new Lookup.Leased<>(new Lease<>(key, request.token(), 0));
        }
    }

    @Override
    public synchronized <V> boolean fill(Lease<V> lease, V value, Duration ttl) {
        if (!holds(lease)) return false;
        entries.put(lease.key(), new Stored(value));
        return true;
    }

    @Override
    public synchronized boolean extend(Lease<?> lease, Duration ttl) {
        return holds(lease);
    }

    @Override
    public synchronized void release(CacheKey<?> key, String token) {
        if (entries.get(key) instanceof Held h && h.token().equals(token)) entries.remove(key);
    }

    @Override
    public synchronized void invalidate(Invalidation invalidation) {
        entries.keySet().removeIf(key -> key.touchedBy(invalidation));
    }

    @Override
    public void invalidatePatiently(Invalidation invalidation) {
        invalidate(invalidation);
    }

    @Override
    public void ping() {}

    private boolean holds(Lease<?> lease) {
        return entries.get(lease.key()) instanceof Held h && h.token().equals(lease.token());
    }
}
