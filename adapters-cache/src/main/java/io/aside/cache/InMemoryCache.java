package io.aside.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.aside.cache.MemorySlot.LeaseHold;
import io.aside.cache.MemorySlot.Tombstone;
import io.aside.cache.MemorySlot.Value;
import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.model.Category;
import io.aside.domain.port.CachePort;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * {@link CachePort} in process (Caffeine), for the embedded default: the same protocol as
 * {@link RedisCache} for one service instance. Domain objects are immutable, so values are stored
 * as they are. Atomicity comes from Caffeine's per-key compute.
 */
public final class InMemoryCache implements CachePort {
    public static final long DEFAULT_MAXIMUM_SIZE = 100_000;

    private final Cache<CacheKey<?>, MemorySlot> entries;
    private final MemoryGenerations generations;
    private final LongSupplier nanoTime;

    public InMemoryCache() {
        this(DEFAULT_MAXIMUM_SIZE);
    }

    public InMemoryCache(long maximumSize) {
        this(maximumSize, System::nanoTime);
    }

    /** @param nanoTime the clock TTLs are measured on (a fake one lets tests skip ahead) */
    public InMemoryCache(long maximumSize, LongSupplier nanoTime) {
        if (maximumSize < 1) throw new IllegalArgumentException("maximum size must be positive, got " + maximumSize);
        this.nanoTime = nanoTime;
        this.generations = new MemoryGenerations(maximumSize);
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(new DeadlineExpiry())
                .ticker(nanoTime::getAsLong)
                .executor(Runnable::run) // maintenance on the calling thread: no surprise background work
                .build();
    }

    @Override
    public <V> Lookup<V> lookup(CacheKey<V> key, LeaseRequest request) {
        long deadline = deadline(request.ttl(), "lease TTL");
        String token = request.token();
        // get(key, fn) is an atomic compute-if-absent (an expired slot counts as absent): one lease per key.
        MemorySlot slot = entries.get(key, k -> new LeaseHold(token, deadline));
        return read(key, slot, token);
    }

    @SuppressWarnings("unchecked")
    private static <V> Lookup<V> read(CacheKey<V> key, MemorySlot slot, String ourToken) {
        if (slot instanceof Value value) return new Lookup.Hit<>((V) value.value());
        if (slot instanceof Tombstone) return new Lookup.Absent<>();
        String holder = ((LeaseHold) slot).token();
        return holder.equals(ourToken) ? new Lookup.Leased<>(new Lease<>(key, ourToken)) : new Lookup.Busy<>();
    }

    @Override
    public <V> boolean fill(Lease<V> lease, Optional<V> value, Duration ttl) {
        long deadline = deadline(ttl, "TTL");
        MemorySlot replacement = value.<MemorySlot>map(v -> new Value(v, deadline)).orElseGet(() -> new Tombstone(deadline));
        MemorySlot after = entries.asMap().compute(lease.key(), (k, current) -> holds(current, lease) ? replacement : current);
        return after == replacement;
    }

    @Override
    public boolean extend(Lease<?> lease, Duration ttl) {
        long deadline = deadline(ttl, "lease TTL");
        MemorySlot after = entries.asMap().computeIfPresent(lease.key(),
                (k, current) -> holds(current, lease) ? new LeaseHold(lease.token(), deadline) : current);
        return holds(after, lease);
    }

    @Override
    public void release(Lease<?> lease) {
        entries.asMap().computeIfPresent(lease.key(), (k, current) -> holds(current, lease) ? null : current);
    }

    @Override
    public long generation(Category category) {
        return generations.current(category);
    }

    @Override
    public void invalidate(Invalidation invalidation) {
        invalidation.models().forEach(id -> entries.invalidate(new ModelKey(id)));
        invalidation.categories().forEach(generations::bump);
    }

    /** Nothing to wait for in process: the same as {@link #invalidate}. */
    @Override
    public void invalidatePatiently(Invalidation invalidation) {
        invalidate(invalidation);
    }

    /** Always answers: it is in the same process. */
    @Override
    public void ping() {}

    private static boolean holds(MemorySlot current, Lease<?> lease) {
        return current instanceof LeaseHold hold && hold.token().equals(lease.token());
    }

    private long deadline(Duration ttl, String what) {
        return nanoTime.getAsLong() + Durations.requirePositive(ttl, what).toNanos();
    }
}
