package io.aside.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.aside.domain.model.Category;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Category generations in process. Bounded, because categories are user text; a generation that
 * is evicted starts again from the clock in microseconds, never from 0, so it can never come back
 * to a number whose pages are still cached (the same rule as in Redis, see {@link CacheScripts}).
 */
final class MemoryGenerations {
    private final Cache<Category, AtomicLong> generations;

    MemoryGenerations(long maximumSize) {
        this.generations = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    long current(Category category) {
        return counter(category).get();
    }

    void bump(Category category) {
        counter(category).incrementAndGet();
    }

    private AtomicLong counter(Category category) {
        return generations.get(category, c -> new AtomicLong(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now())));
    }
}
