package io.aside.application;

import io.aside.domain.port.CachePort;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads through the cache (DESIGN §3, §3.1): concurrent reads of one key in this process share one
 * run of the {@link ReadProtocol}, which coalesces across instances with a lease. A cache failure
 * never fails a read: it falls through to the loader. While the {@link CacheGate} is closed (an
 * invalidation is undelivered) the cache is bypassed.
 */
public final class CacheAside {
    private final ReadFlights flights;
    private final ReadProtocol protocol;
    private final CacheMetrics metrics;

    public CacheAside(ReadFlights flights, CachePort cache, CacheGate gate, CachePolicy policy,
                      CacheMetrics metrics, Sleeper sleeper, LeaseKeeper keeper) {
        this.flights = flights;
        this.protocol = new ReadProtocol(cache, gate, policy, metrics, sleeper, keeper);
        this.metrics = metrics;
    }

    /** The value of {@code key}, from the cache or from {@code loader}; empty when it does not exist. */
    public <V> Read<V> read(ReadKey<V> key, Supplier<Optional<V>> loader) {
        return flights.read(key, () -> protocol.run(key, loader), () -> metrics.coalesced(key.kind()));
    }
}
