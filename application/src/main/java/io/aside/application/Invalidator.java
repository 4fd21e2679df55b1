package io.aside.application;

import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.domain.port.InvalidationOutbox;
import io.aside.domain.port.RepositoryUnavailableException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The write half of the protocol: after the database commit, delete what the change made stale.
 * Never before the commit, or a reader could refill the old row in between. The invalidation was
 * recorded in the outbox by the same transaction, so a failure here loses nothing: the entry stays
 * pending, this instance stops trusting the cache, and {@link OutboxRelay} delivers it later.
 */
public final class Invalidator {
    private static final System.Logger LOG = System.getLogger(Invalidator.class.getName());

    private final CachePort cache;
    private final InvalidationOutbox outbox;
    private final CacheGate gate;
    private final CacheMetrics metrics;
    /** Logs the first failure of an outage and the recovery, not every write in between. */
    private final AtomicBoolean failing = new AtomicBoolean();

    public Invalidator(CachePort cache, InvalidationOutbox outbox, CacheGate gate, CacheMetrics metrics) {
        this.cache = cache;
        this.outbox = outbox;
        this.gate = gate;
        this.metrics = metrics;
    }

    /** Never throws: the write has committed and must be reported as done, whatever the cache does. */
    public void afterCommit(PendingInvalidation pending) {
        try {
            cache.invalidate(pending.invalidation());
        } catch (CacheUnavailableException e) {
            gate.close(pending.id());
            metrics.cacheError("invalidate");
            Level level = failing.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
            LOG.log(level, "invalidation " + pending.id() + " left in the outbox for the relay (reads skip the cache meanwhile): "
                    + e.getMessage());
            return;
        }
        if (failing.compareAndSet(true, false)) LOG.log(Level.INFO, "invalidations reach the cache again");
        try {
            outbox.delivered(List.of(pending.id()));
        } catch (RepositoryUnavailableException e) {
            // Delivered but still listed: the relay delivers it once more, which is harmless.
            LOG.log(Level.DEBUG, "could not clear outbox entry " + pending.id(), e);
        }
    }
}
