package io.aside.application;

import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.domain.port.InvalidationOutbox;
import io.aside.domain.port.RepositoryUnavailableException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers the invalidations left in the outbox — by a cache outage, or by a crash between commit
 * and delivery — oldest first. Every instance runs one on a timer: no leader is needed because
 * delivering twice is harmless. It also keeps the {@link CacheGate}: closed while something pending
 * cannot be delivered, open again after a pass that delivered everything it found.
 */
public final class OutboxRelay {
    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());
    static final int BATCH = 100;
    private static final int MAX_BATCHES_PER_PASS = 20;

    private final InvalidationOutbox outbox;
    private final CachePort cache;
    private final CacheGate gate;
    private final CacheMetrics metrics;

    public OutboxRelay(InvalidationOutbox outbox, CachePort cache, CacheGate gate, CacheMetrics metrics) {
        this.outbox = outbox;
        this.cache = cache;
        this.gate = gate;
        this.metrics = metrics;
    }

    /** One pass; returns how many entries it delivered. Never throws, so a timer can call it forever. */
    public int relay() {
        long closesBefore = gate.closes();
        int delivered = 0;
        try {
            for (int i = 0; i < MAX_BATCHES_PER_PASS; i++) {
                List<PendingInvalidation> batch = outbox.pending(BATCH);
                List<Long> done = deliver(batch);
                outbox.delivered(done);
                delivered += done.size();
                if (done.size() < batch.size()) {
                    gate.close();
                    break;
                }
                if (batch.size() < BATCH) {
                    gate.openUnlessClosedSince(closesBefore);
                    break;
                }
            }
        } catch (RepositoryUnavailableException e) {
            // The database is down: nothing is known about pending entries; the gate stays as it is.
            LOG.log(Level.DEBUG, "outbox unreadable: " + e.getMessage());
        }
        if (delivered > 0) metrics.replayed(delivered);
        return delivered;
    }

    private List<Long> deliver(List<PendingInvalidation> batch) {
        List<Long> delivered = new ArrayList<>();
        for (PendingInvalidation pending : batch) {
            try {
                cache.invalidate(pending.invalidation());
            } catch (CacheUnavailableException e) {
                metrics.cacheError("replay");
                break;
            }
            delivered.add(pending.id());
        }
        return delivered;
    }
}
