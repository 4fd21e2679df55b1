package io.aside.bootstrap;

import io.aside.cache.NearCache;
import io.aside.cache.NearCacheObserver;
import io.aside.cache.NearCacheSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The near cache's meters: {@code aside_near_cache_hits_total}, {@code …_misses_total},
 * {@code …_evictions_total}, {@code …_invalidations_received_total}, {@code aside_near_cache_bytes},
 * {@code aside_near_cache_entries}, {@code aside_near_cache_serving} (1 while hits are answered from
 * memory), {@code aside_near_cache_invalidation_wait_seconds} (how long writes waited for every
 * instance to acknowledge), {@code aside_near_cache_acknowledgement_latency_seconds} (each instance's
 * acknowledgement) and {@code aside_near_cache_acknowledgements_missed_total}.
 */
final class NearCacheMeters implements NearCacheObserver {
    private final MeterRegistry registry;
    private final Timer waits;
    private final Timer acknowledgements;
    private final Counter missed;

    NearCacheMeters(MeterRegistry registry) {
        this.registry = registry;
        this.waits = timer("aside.near.cache.invalidation.wait",
                "How long a write waited until every instance serving a near cache dropped what it changed");
        this.acknowledgements = timer("aside.near.cache.acknowledgement.latency",
                "How long after a write began announcing its invalidation each instance's acknowledgement arrived");
        this.missed = Counter.builder("aside.near.cache.acknowledgements.missed")
                .description("Instances that did not acknowledge an invalidation before their serving lease ran out")
                .register(registry);
    }

    void watch(NearCache near) {
        counter("aside.near.cache.hits", "Reads answered from this instance's memory", near, n -> n.stats().hits());
        counter("aside.near.cache.misses", "Reads the near cache could not answer while serving", near, n -> n.stats().misses());
        counter("aside.near.cache.evictions", "Entries evicted to keep the near cache within its size", near, n -> n.stats().evictions());
        counter("aside.near.cache.invalidations.received", "Invalidations received from every instance", near, n -> n.stats().invalidations());
        gauge("aside.near.cache.bytes", "Estimated heap held by the near cache's entries", near, n -> n.stats().bytes());
        gauge("aside.near.cache.entries", "Entries in the near cache", near, n -> n.stats().entries());
        gauge("aside.near.cache.serving", "1 while this instance holds its serving lease and hears invalidations, else 0", near,
                n -> n.serving() ? 1 : 0);
    }

    @Override
    public void acknowledged(long nanos) {
        acknowledgements.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void announced(long nanos, int silent) {
        waits.record(nanos, TimeUnit.NANOSECONDS);
        if (silent > 0) missed.increment(silent);
    }

    /** Spans a millisecond (one round trip) to two serving leases (a write waiting out a silent instance). */
    private Timer timer(String name, String description) {
        return Timer.builder(name).description(description)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(NearCacheSettings.DEFAULT_SERVING_LEASE.multipliedBy(2))
                .register(registry);
    }

    private void counter(String name, String description, NearCache near, ToDoubleFunction<NearCache> count) {
        FunctionCounter.builder(name, near, count).description(description).register(registry);
    }

    private void gauge(String name, String description, NearCache near, ToDoubleFunction<NearCache> value) {
        Gauge.builder(name, near, value).description(description).register(registry);
    }
}
