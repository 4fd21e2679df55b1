package io.aside.application;

import java.util.OptionalLong;

/**
 * Whether this instance may trust the cache for reads. It closes when an invalidation could not be
 * delivered (this instance's own, or one its relay found pending), because until that invalidation
 * arrives the cache may still hold what the write replaced. It opens again once the outbox holds
 * nothing at or before that entry — whoever delivered it, this instance's relay or another's. While
 * closed, reads go to the database and fill nothing.
 */
public final class CacheGate {
    private volatile boolean closed;
    private long closes;
    private long undeliveredUpTo = Long.MIN_VALUE;

    public boolean isOpen() {
        return !closed;
    }

    /** Outbox entry {@code undeliveredEntry} could not be delivered. */
    synchronized void close(long undeliveredEntry) {
        closes++;
        undeliveredUpTo = Math.max(undeliveredUpTo, undeliveredEntry);
        closed = true;
    }

    /** How many times the gate has closed: note it before reading the outbox, then pass it to {@link #reopenIfDelivered}. */
    synchronized long closes() {
        return closes;
    }

    /**
     * The outbox, read after {@link #closes()} returned {@code closesBefore}, starts at
     * {@code oldestPending} (empty: nothing pending). Opens when that is past every undelivered entry,
     * unless the gate closed again meanwhile: that close's entry committed after the read began and
     * may not have been seen.
     */
    synchronized void reopenIfDelivered(long closesBefore, OptionalLong oldestPending) {
        if (!closed || closes != closesBefore) return;
        if (oldestPending.isEmpty() || oldestPending.getAsLong() > undeliveredUpTo) {
            closed = false;
            undeliveredUpTo = Long.MIN_VALUE;
        }
    }
}
