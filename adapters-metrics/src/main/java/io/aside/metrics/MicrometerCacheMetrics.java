package io.aside.metrics;

import io.aside.application.CacheMetrics;
import io.aside.application.CacheMetrics.Delivery;
import io.aside.domain.cache.EntryKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The cache protocol's numbers as Micrometer meters; in Prometheus: {@code aside_cache_hits_total},
 * {@code aside_cache_misses_total}, {@code aside_cache_negative_hits_total},
 * {@code aside_cache_lease_waits_total}, {@code aside_cache_fills_refused_total} (all by {@code cache}),
 * {@code aside_cache_coalesced_total}, {@code aside_cache_lease_extensions_total} (by {@code cache}),
 * {@code aside_cache_untrusted_reads_total}, {@code aside_cache_errors_total{operation}},
 * {@code aside_cache_invalidations_replayed_total}, {@code aside_outbox_relay_errors_total{reason}},
 * {@code aside_outbox_set_aside_total}, {@code aside_cache_load_seconds{cache}} and
 * {@code aside_invalidation_lag_seconds{path}} (a histogram: from a write's commit until its
 * invalidation took effect, delivered by the writer or by a relay).
 * Hit ratio = hits / (hits + misses); database load from the cache = rate of load_seconds_count.
 */
public final class MicrometerCacheMetrics implements CacheMetrics {
    /** Every kind of entry, registered up front so dashboards see zeros, not gaps. */
    private static final List<EntryKind<?>> KINDS = List.of(EntryKind.MODEL, EntryKind.PAGE);
    /** From one round trip to a long outage's replay: the relay delivers with the whole wait. */
    private static final Duration LONGEST_EXPECTED_LAG = Duration.ofMinutes(5);

    private final MeterRegistry registry;
    /** Meters by name and tag: registering on every call is a registry lookup, a fifth of an in-process hit. */
    private final Map<String, Meter> meters = new ConcurrentHashMap<>();

    public MicrometerCacheMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (EntryKind<?> kind : KINDS) {
            String cache = kind.name();
            hits(cache);
            misses(cache);
            negativeHits(cache);
            leaseWaits(cache);
            fillsRefused(cache);
            untrustedReads(cache);
            loads(cache);
            coalescedReads(cache);
            leaseExtensions(cache);
        }
        for (Delivery path : Delivery.values()) lags(path);
        replays();
        relayErrors("database");
        relayErrors("unexpected");
        setAside();
    }

    @Override
    public void hit(EntryKind<?> kind) {
        hits(kind.name()).increment();
    }

    @Override
    public void negativeHit(EntryKind<?> kind) {
        negativeHits(kind.name()).increment();
    }

    @Override
    public void miss(EntryKind<?> kind) {
        misses(kind.name()).increment();
    }

    @Override
    public void load(EntryKind<?> kind, long nanos) {
        loads(kind.name()).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void coalesced(EntryKind<?> kind) {
        coalescedReads(kind.name()).increment();
    }

    @Override
    public void leaseExtended(EntryKind<?> kind) {
        leaseExtensions(kind.name()).increment();
    }

    @Override
    public void relayError(String reason) {
        relayErrors(reason).increment();
    }

    @Override
    public void setAside(int count) {
        setAside().increment(count);
    }

    @Override
    public void invalidationDelivered(Delivery path, long nanos) {
        lags(path).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void leaseWait(EntryKind<?> kind) {
        leaseWaits(kind.name()).increment();
    }

    @Override
    public void fillRefused(EntryKind<?> kind) {
        fillsRefused(kind.name()).increment();
    }

    @Override
    public void cacheError(String operation) {
        counter("aside.cache.errors", "Cache operations that failed or were shed; the request was served from the database",
                "operation", operation).increment();
    }

    @Override
    public void untrustedRead(EntryKind<?> kind) {
        untrustedReads(kind.name()).increment();
    }

    @Override
    public void replayed(int count) {
        replays().increment(count);
    }

    private Counter untrustedReads(String cache) {
        return counter("aside.cache.untrusted.reads",
                "Reads served from the database while the cache was untrusted (an invalidation undelivered)", cache);
    }

    private Counter replays() {
        return counter("aside.cache.invalidations.replayed", "Invalidations delivered from the outbox after the writer could not deliver them");
    }

    private Counter coalescedReads(String cache) {
        return counter("aside.cache.coalesced", "Reads answered by another read of the same key in this instance (no load of their own)", cache);
    }

    private Counter leaseExtensions(String cache) {
        return counter("aside.cache.lease.extensions", "Leases extended because their load was still running", cache);
    }

    private Counter relayErrors(String reason) {
        return counter("aside.outbox.relay.errors",
                "Outbox relay passes that failed (database: unreachable; unexpected: anything else); the next pass retries", "reason", reason);
    }

    private Counter setAside() {
        return counter("aside.outbox.set.aside", "Outbox rows that could not be read back, moved to cache_outbox_quarantine: look at them");
    }

    private Counter hits(String cache) {
        return counter("aside.cache.hits", "Reads answered by the cache", cache);
    }

    private Counter misses(String cache) {
        return counter("aside.cache.misses", "Reads the cache could not answer", cache);
    }

    private Counter negativeHits(String cache) {
        return counter("aside.cache.negative.hits", "Reads answered 'not found' by a tombstone, without the database", cache);
    }

    private Counter leaseWaits(String cache) {
        return counter("aside.cache.lease.waits", "Readers that waited for another caller's fill", cache);
    }

    private Counter fillsRefused(String cache) {
        return counter("aside.cache.fills.refused", "Fills refused because a write invalidated the key meanwhile", cache);
    }

    private Timer loads(String cache) {
        return (Timer) meters.computeIfAbsent("aside.cache.load|" + cache, k -> Timer.builder("aside.cache.load")
                .description("Database loads made on behalf of the cache")
                .tag("cache", cache)
                .register(registry));
    }

    private Timer lags(Delivery path) {
        return (Timer) meters.computeIfAbsent("aside.invalidation.lag|" + path, k -> Timer.builder("aside.invalidation.lag")
                .description("From a write's commit until its invalidation took effect (with a near cache: every instance dropped it too)")
                .tag("path", path.name().toLowerCase(Locale.ROOT))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(LONGEST_EXPECTED_LAG)
                .register(registry));
    }

    private Counter counter(String name, String description, String cache) {
        return counter(name, description, "cache", cache);
    }

    /** Registered once, then looked up by name and tag value: no allocation beyond the key on the read path. */
    private Counter counter(String name, String description, String tagKey, String tagValue) {
        return (Counter) meters.computeIfAbsent(name + "|" + tagValue,
                k -> Counter.builder(name).description(description).tag(tagKey, tagValue).register(registry));
    }

    private Counter counter(String name, String description) {
        return (Counter) meters.computeIfAbsent(name, k -> Counter.builder(name).description(description).register(registry));
    }
}
