package io.aside.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The near cache's entries (DESIGN §3.3), fenced against the invalidations this instance receives.
 * Every entry carries the fence taken before it was read from Redis: the count of invalidations
 * (and flushes) applied here at that moment. Each invalidation applied moves the count on and marks
 * what it touched — a model's id, a category for its pages — in a fixed table of slots. An entry is
 * served only while no mark on its slot is newer than its fence, so a value read from Redis before an
 * invalidation arrived can never be served after it, whichever of the two reached this map first
 * (the race of FusionCache #613). Two subjects sharing a slot only cost a spurious miss.
 */
final class NearEntries {
    private static final int SLOTS = 1 << 16;

    private final Cache<CacheKey<?>, Entry> entries;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLongArray touched = new AtomicLongArray(SLOTS);
    private volatile long flushedAt;

    private final long entryTtlNanos;

    /** A value, the fence it was read after, and how long it may stay (never longer than in Redis, when that is known). */
    private record Entry(Object value, long fence, long ttlNanos) {}

    NearEntries(NearCacheSettings settings) {
        this.entryTtlNanos = settings.entryTtl().toNanos();
        this.entries = Caffeine.newBuilder()
                .maximumWeight(settings.maxBytes())
                .weigher((CacheKey<?> key, Entry entry) -> EntryWeigher.bytes(entry.value()))
                .expireAfter(Expiry.creating((CacheKey<?> key, Entry entry) -> Duration.ofNanos(entry.ttlNanos())))
                .executor(Runnable::run) // maintenance on the calling thread: no surprise background work
                .recordStats()
                .build();
    }

    /** Take before reading from Redis; pass to {@link #put} with what was read. */
    long fence() {
        return events.get();
    }

    /** The entry for {@code key}, or null when there is none or an invalidation since its read may have replaced it. */
    @SuppressWarnings("unchecked") // an entry holds what its key's kind caches: put takes the two together
    <V> V get(CacheKey<V> key) {
        Entry entry = entries.getIfPresent(key);
        if (entry == null) return null;
        if (entry.fence() < lastTouch(key)) {
            entries.asMap().remove(key, entry);
            return null;
        }
        return (V) entry.value();
    }

    /**
     * Keeps {@code value}, read from Redis after {@code fence} was taken, unless an invalidation has
     * touched it since; for {@code ttl} if given (what Redis was told), else for the entry TTL.
     */
    <V> void put(CacheKey<V> key, V value, long fence, Duration ttl) {
        long ttlNanos = ttl == null ? entryTtlNanos : Math.min(entryTtlNanos, ttl.toNanos());
        if (fence >= lastTouch(key)) entries.put(key, new Entry(value, fence, ttlNanos));
    }

    /** An invalidation another instance (or this one) made: nothing it touched is served from here again. */
    void apply(Invalidation invalidation) {
        long event = events.incrementAndGet();
        for (ModelId id : invalidation.models()) {
            touch(slot(id), event);
            entries.invalidate(new ModelKey(id)); // frees the memory; the mark already keeps it from being served
        }
        for (Category category : invalidation.categories()) touch(slot(category), event);
    }

    /** Forgets everything, and refuses what was being read before: after invalidations may have been missed. */
    void flush() {
        flushedAt = events.incrementAndGet();
        entries.invalidateAll();
    }

    long evictions() {
        return entries.stats().evictionCount();
    }

    long weightedBytes() {
        return entries.policy().eviction().map(eviction -> eviction.weightedSize().orElse(0)).orElse(0L);
    }

    long size() {
        return entries.estimatedSize();
    }

    private long lastTouch(CacheKey<?> key) {
        long slotTouch = touched.get(key.match(model -> slot(model.id()), page -> slot(page.category())));
        return Math.max(slotTouch, flushedAt);
    }

    private void touch(int slot, long event) {
        touched.accumulateAndGet(slot, event, Math::max);
    }

    private static int slot(ModelId id) {
        return spread(Long.hashCode(id.value()) * 0x9E3779B9);
    }

    private static int slot(Category category) {
        return spread(category.hashCode() ^ 0x5BD1E995);
    }

    private static int spread(int hash) {
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }
}
