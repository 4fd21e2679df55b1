package io.aside.application;

import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.domain.port.InvalidationOutbox;
import io.aside.domain.port.WriteOutcomeUnknownException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The write half of the protocol: after the database commit, delete what the change made stale.
 * Never before the commit, or a reader could refill the old row in between. A first attempt that
 * fails is followed by a patient one, past the circuit breaker: every instance that can reach the
 * cache serves the replaced value until the invalidation lands. If that fails too, nothing is lost:
 * the invalidation was recorded in the outbox by the write's transaction, this instance stops
 * trusting the cache for the keys it touched, and the relays of every instance deliver it.
 */
public final class Invalidator {
    private static final System.Logger LOG = System.getLogger(Invalidator.class.getName());

    private final CachePort cache;
    private final InvalidationOutbox outbox;
    private final CacheTrust trust;
    private final ReadFlights flights;
    private final CacheMetrics metrics;
    /** Logs the first failure of an outage and the recovery, not every write in between. */
    private final AtomicBoolean failing = new AtomicBoolean();

    public Invalidator(CachePort cache, InvalidationOutbox outbox, CacheTrust trust, ReadFlights flights, CacheMetrics metrics) {
        this.cache = cache;
        this.outbox = outbox;
        this.trust = trust;
        this.flights = flights;
        this.metrics = metrics;
    }

    /**
     * Runs a write. If the database cannot say whether it committed, its invalidation is delivered
     * anyway before the failure is reported: had it committed, the cache must not keep what it replaced.
     */
    public <T> T write(Supplier<T> write) {
        try {
            return write.get();
        } catch (WriteOutcomeUnknownException unknown) {
            // Its outbox entry stays for the relay, which delivers it again should the commit land late.
            deliver(unknown.invalidation(), System.nanoTime());
            throw unknown;
        }
    }

    /** Never throws: the write has committed and must be reported as done, whatever the cache does. */
    public void afterCommit(PendingInvalidation pending) {
        if (!deliver(pending, System.nanoTime())) return;
        try {
            outbox.delivered(List.of(pending.id()));
        } catch (RuntimeException e) {
            // Delivered but still listed: the relay delivers it once more, which is harmless.
            LOG.log(Level.DEBUG, "could not clear outbox entry " + pending.id(), e);
        }
    }

    /** {@code committedAt}: {@link System#nanoTime()} when the write came back committed. */
    private boolean deliver(PendingInvalidation pending, long committedAt) {
        flights.forget(pending.invalidation());
        try {
            cache.invalidate(pending.invalidation());
        } catch (CacheUnavailableException first) {
            metrics.cacheError("invalidate");
            try {
                cache.invalidatePatiently(pending.invalidation());
            } catch (CacheUnavailableException second) {
                metrics.cacheError("invalidate-patiently");
                trust.withdraw(pending.id(), pending.invalidation());
                Level level = failing.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
                LOG.log(level, "invalidation " + pending.id() + " left in the outbox for the relay (reads of what it touched skip the cache meanwhile): "
                        + second.getMessage());
                return false;
            }
        }
        metrics.invalidationDelivered(CacheMetrics.Delivery.WRITER, System.nanoTime() - committedAt);
        if (failing.compareAndSet(true, false)) LOG.log(Level.INFO, "invalidations reach the cache again");
        return true;
    }
}
