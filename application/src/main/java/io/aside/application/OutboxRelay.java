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
 * delivering twice is harmless. An entry is due once a previous pass has seen it, i.e. once it has
 * waited a whole interval: younger entries are still being delivered by their writers, and sending
 * them again would only retire list pages twice. The relay also keeps the {@link CacheGate}.
 */
public final class OutboxRelay {
    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());
    static final int BATCH = 100;
    private static final int MAX_BATCHES_PER_PASS = 20;

    private final InvalidationOutbox outbox;
    private final CachePort cache;
    private final CacheGate gate;
    private final CacheMetrics metrics;
    private long seenByEarlierPasses = Long.MIN_VALUE;

    public OutboxRelay(InvalidationOutbox outbox, CachePort cache, CacheGate gate, CacheMetrics metrics) {
        this.outbox = outbox;
        this.cache = cache;
        this.gate = gate;
        this.metrics = metrics;
    }

    /** One pass; returns how many entries it delivered. Never throws, so a timer can call it forever. */
    public synchronized int relay() {
        long closesAtStart = gate.closes();
        long dueUpTo = seenByEarlierPasses;
        int delivered = 0;
        try {
            for (int i = 0; i < MAX_BATCHES_PER_PASS; i++) {
                List<PendingInvalidation> batch = outbox.pending(BATCH);
                batch.forEach(entry -> seenByEarlierPasses = Math.max(seenByEarlierPasses, entry.id()));
                List<PendingInvalidation> due = batch.stream().filter(entry -> entry.id() <= dueUpTo).toList();
                List<Long> done = deliver(due);
                outbox.delivered(done);
                delivered += done.size();
                if (done.size() < due.size()) {
                    gate.close(due.get(done.size()).id());
                    break;
                }
                if (due.size() < BATCH) {
                    gate.openAfterPass(closesAtStart, dueUpTo);
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

    /** Delivers in order and stops at the first failure; returns the ids delivered. */
    private List<Long> deliver(List<PendingInvalidation> due) {
        List<Long> delivered = new ArrayList<>();
        for (PendingInvalidation entry : due) {
            try {
                cache.invalidate(entry.invalidation());
            } catch (CacheUnavailableException e) {
                metrics.cacheError("replay");
                break;
            }
            delivered.add(entry.id());
        }
        return delivered;
    }
}
