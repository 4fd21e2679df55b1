package io.aside.application;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Lease;
import io.aside.domain.port.CachePort;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Background work on leases, off the readers' threads: keeping a lease alive while a slow load runs
 * (DESIGN §3.1), so that other instances keep waiting for its fill instead of loading too; and
 * giving back a lease that a lookup with a lost reply may have taken. Its loop never dies: every
 * failure is counted and the next renewal tries again.
 */
public final class LeaseKeeper implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());
    /** How soon a failed release is tried again. */
    static final Duration RELEASE_RETRY = Duration.ofMillis(100);

    private final CachePort cache;
    private final CacheMetrics metrics;
    private final Set<Extension> loading = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "aside-lease-keeper");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param tick how often the keeper looks for leases due an extension: a fraction of the lease TTL.
     *             One sweep on a timer, rather than a timer task per load: scheduling one would wake
     *             the timer thread on every miss, which cost more than the rest of the protocol.
     */
    public LeaseKeeper(CachePort cache, CacheMetrics metrics, Duration tick) {
        this.cache = cache;
        this.metrics = metrics;
        timer.scheduleWithFixedDelay(this::sweep, tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A renewal in progress; closing it stops it. */
    public interface Renewal extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Extends {@code lease} to {@code ttl} every third of {@code ttl} until closed: a load shorter than
     * that costs no cache call at all. Stops by itself once the lease is lost (an invalidation took it).
     */
    Renewal keepAlive(Lease<?> lease, Duration ttl) {
        Extension extension = new Extension(lease, ttl);
        loading.add(extension);
        return () -> loading.remove(extension);
    }

    /** One lease being kept alive, and when it is next due. */
    private static final class Extension {
        final Lease<?> lease;
        final Duration ttl;
        long due;

        Extension(Lease<?> lease, Duration ttl) {
            this.lease = lease;
            this.ttl = ttl;
            this.due = System.nanoTime() + ttl.toNanos() / 3;
        }
    }

    /** On the timer thread: extends every lease due, forgets those that are lost. Never throws. */
    private void sweep() {
        try {
            long now = System.nanoTime();
            for (Extension extension : loading) {
                if (now - extension.due < 0) continue;
                if (extend(extension.lease, extension.ttl)) {
                    extension.due = System.nanoTime() + extension.ttl.toNanos() / 3;
                } else {
                    loading.remove(extension);
                }
            }
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: log, and sweep again next tick.
            LOG.log(Level.ERROR, "lease renewal sweep failed; the next one runs as scheduled", e);
        }
    }

    /**
     * Releases the lease under {@code token} on {@code key} soon, best effort: the reader that may hold
     * it is not kept waiting. A release that fails is tried again every {@link #RELEASE_RETRY} until
     * the lease, taken at most {@code leaseTtl} ago, has run out by itself: a cache server that
     * blinked (a paused cluster master, a timed-out reply) would otherwise keep every other reader of
     * the key waiting out the lease.
     */
    void releaseLater(CacheKey<?> key, String token, Duration leaseTtl) {
        schedule(key, token, System.nanoTime() + leaseTtl.toNanos(), 0);
    }

    private void schedule(CacheKey<?> key, String token, long leaseGoneAt, long delayNanos) {
        try {
            timer.schedule(() -> {
                try {
                    cache.release(key, token);
                } catch (RuntimeException e) {
                    metrics.cacheError("release");
                    long next = System.nanoTime() + RELEASE_RETRY.toNanos();
                    if (next - leaseGoneAt < 0) schedule(key, token, leaseGoneAt, RELEASE_RETRY.toNanos());
                }
            }, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // Shutting down: the lease expires by itself.
        }
    }

    /** Whether the lease still holds; a failure to ask is counted, and the next period asks again. */
    private boolean extend(Lease<?> lease, Duration ttl) {
        try {
            boolean held = cache.extend(lease, ttl);
            if (held) metrics.leaseExtended(lease.key().kind());
            return held;
        } catch (RuntimeException e) { // every failure, not only the cache's: the sweep must go on
            metrics.cacheError("extend");
            LOG.log(Level.DEBUG, "lease renewal failed, retrying next period: " + e);
            return true;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
