package io.aside.application;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.port.CachePort;
import java.util.function.Supplier;

/**
 * Reads through the cache (DESIGN §3, §3.1): concurrent reads of one key in this process share one
 * run of the {@link ReadProtocol}, which coalesces across instances with a lease. A cache failure
 * never fails a read: it falls through to the loader. Reads of a key the cache is not trusted for
 * (an invalidation that touches it is undelivered, see {@link CacheTrust}) skip it.
 */
public final class CacheAside {
    private final ReadFlights flights;
    private final ReadProtocol protocol;
    private final CacheMetrics metrics;

    public CacheAside(ReadFlights flights, CachePort cache, CacheTrust trust, CachePolicy policy,
                      CacheMetrics metrics, Sleeper sleeper, LeaseKeeper keeper) {
        this.flights = flights;
        this.protocol = new ReadProtocol(cache, trust, policy, metrics, sleeper, keeper);
        this.metrics = metrics;
    }

    /** What is stored under {@code key}: from the cache, or from {@code loader} (the system of record). */
    public <V> Read<V> read(CacheKey<V> key, Supplier<V> loader) {
        return flights.read(key, () -> protocol.run(key, loader), () -> metrics.coalesced(key.kind()));
    }
}
