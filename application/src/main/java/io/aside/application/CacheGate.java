package io.aside.application;

/**
 * Whether this instance may trust the cache for reads. It closes when an invalidation could not be
 * delivered (this instance's own, or one the relay found pending), because until that invalidation
 * arrives the cache may still hold what the write replaced; the relay opens it again after a pass
 * that delivered everything pending. While closed, reads go to the database and fill nothing.
 */
public final class CacheGate {
    private volatile boolean closed;
    private long closes;

    public boolean isOpen() {
        return !closed;
    }

    synchronized void close() {
        closes++;
        closed = true;
    }

    /** How many times the gate has closed: a relay pass notes it before it starts. */
    synchronized long closes() {
        return closes;
    }

    /** Opens, unless a close happened after {@code closesBefore} was noted: that failure is not covered by the pass. */
    synchronized void openUnlessClosedSince(long closesBefore) {
        if (closes == closesBefore) closed = false;
    }
}
