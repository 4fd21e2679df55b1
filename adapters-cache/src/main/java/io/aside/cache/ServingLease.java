package io.aside.cache;

/**
 * Whether this instance may answer from its near cache now (DESIGN §3.3, after Gray and Cheriton's
 * leases). It may while it listens to the invalidations of every other instance and, by its own
 * clock, its lease in Redis has not run out. The local deadline is counted from when the renewal was
 * sent, less a tenth for clock drift: Redis counts the same lease from later, so this instance stops
 * serving before any writer stops waiting for it.
 */
final class ServingLease {
    private final long leaseNanos;
    private volatile boolean listening;
    private volatile long servingUntil;

    ServingLease(NearCacheSettings settings) {
        this.leaseNanos = settings.servingLease().toNanos();
    }

    boolean serving() {
        return listening && System.nanoTime() - servingUntil < 0;
    }

    /** The invalidation subscription is up and this instance has caught up with it (its near cache flushed). */
    void listening() {
        listening = true;
    }

    /** The subscription is lost: stop serving at once, whatever the lease says. */
    void deaf() {
        listening = false;
    }

    /** A renewal sent at {@code sentAtNanos} was stored by Redis. */
    void renewed(long sentAtNanos) {
        servingUntil = sentAtNanos + leaseNanos - leaseNanos / 10;
    }
}
