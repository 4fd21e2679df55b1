package io.aside.application;

/**
 * Whether this instance may trust the cache for reads. It closes when an invalidation could not be
 * delivered (this instance's own, or one its relay found pending), because until that invalidation
 * arrives the cache may still hold what the write replaced. The relay opens it again after a pass
 * that delivered every outbox entry up to the undelivered one. While closed, reads go to the
 * database and fill nothing.
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

    /** How many times the gate has closed: a relay pass notes it before it starts. */
    synchronized long closes() {
        return closes;
    }

    /**
     * A relay pass delivered every entry up to {@code deliveredUpTo}: opens, unless the gate closed
     * again during the pass (a failure the pass may not have seen) or closed for a later entry.
     */
    synchronized void openAfterPass(long closesAtStart, long deliveredUpTo) {
        if (closes == closesAtStart && undeliveredUpTo <= deliveredUpTo) {
            closed = false;
            undeliveredUpTo = Long.MIN_VALUE;
        }
    }
}
