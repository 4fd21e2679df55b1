package io.aside.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.aside.cache.MemorySlot.LeaseHold;
import io.aside.cache.MemorySlot.Value;
import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.PageKey;
import io.aside.domain.port.CachePort;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * {@link CachePort} in process (Caffeine), for the embedded default: the same protocol as
 * {@link RedisCache} for one service instance. Domain objects are immutable, so values are stored
 * as they are. Atomicity comes from Caffeine's per-key compute.
 */
public final class InMemoryCache implements CachePort {
    public static final long DEFAULT_MAXIMUM_SIZE = 100_000;

    private final Cache<Object, MemorySlot> entries;
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
        long generation = generationOf(key);
        // get(key, fn) is an atomic compute-if-absent (an expired slot counts as absent): one lease per key.
        MemorySlot slot = entries.get(address(key, generation), k -> new LeaseHold(token, deadline));
        return read(key, generation, slot, token);
    }

    /** A slot holds what its key's kind caches: the key's type parameter says what that is. */
    @SuppressWarnings("unchecked")
    private static <V> Lookup<V> read(CacheKey<V> key, long generation, MemorySlot slot, String ourToken) {
        if (slot instanceof Value value) return new Lookup.Hit<>((V) value.value());
        String holder = ((LeaseHold) slot).token();
        return holder.equals(ourToken) ? new Lookup.Leased<>(new Lease<>(key, ourToken, generation)) : new Lookup.Busy<>();
    }

    @Override
    public <V> boolean fill(Lease<V> lease, V value, Duration ttl) {
        MemorySlot replacement = new Value(value, deadline(ttl, "TTL"));
        if (generationOf(lease.key()) != lease.generation()) return false; // a write moved the page's category on
        MemorySlot after = entries.asMap().compute(address(lease.key(), lease.generation()),
                (k, current) -> holds(current, lease.token()) ? replacement : current);
        return after == replacement;
    }

    @Override
    public boolean extend(Lease<?> lease, Duration ttl) {
        long deadline = deadline(ttl, "lease TTL");
        if (generationOf(lease.key()) != lease.generation()) return false;
        MemorySlot after = entries.asMap().computeIfPresent(address(lease.key(), lease.generation()),
                (k, current) -> holds(current, lease.token()) ? new LeaseHold(lease.token(), deadline) : current);
        return holds(after, lease.token());
    }

    @Override
    public void release(CacheKey<?> key, String token) {
        entries.asMap().computeIfPresent(address(key, generationOf(key)), (k, current) -> holds(current, token) ? null : current);
    }

    /** A page's category generation; models have none. */
    private long generationOf(CacheKey<?> key) {
        return key.match(model -> 0L, page -> generations.current(page.category()));
    }

    /** Where a key's slot is: a model's key itself, a page's within its category's generation. */
    private static Object address(CacheKey<?> key, long generation) {
        return key.match(model -> model, page -> new PageAt(page, generation));
    }

    private record PageAt(PageKey page, long generation) {}

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

    private static boolean holds(MemorySlot current, String token) {
        return current instanceof LeaseHold hold && hold.token().equals(token);
    }

    private long deadline(Duration ttl, String what) {
        return nanoTime.getAsLong() + Durations.requirePositive(ttl, what).toNanos();
    }
}
