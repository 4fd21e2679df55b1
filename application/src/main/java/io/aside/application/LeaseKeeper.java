package io.aside.application;

import io.aside.domain.cache.Lease;
import io.aside.domain.port.CachePort;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
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

    private final CachePort cache;
    private final CacheMetrics metrics;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "aside-lease-keeper");
        thread.setDaemon(true);
        return thread;
    });

    public LeaseKeeper(CachePort cache, CacheMetrics metrics) {
        this.cache = cache;
        this.metrics = metrics;
        timer.setRemoveOnCancelPolicy(true); // a load that ends in time leaves nothing scheduled behind
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
    Renewal keepAlive(Lease<?> lease, Duration ttl, String kind) {
        long period = Math.max(1, ttl.toNanos() / 3);
        Extension extension = new Extension(lease, ttl, kind);
        try {
            extension.scheduled = timer.scheduleAtFixedRate(extension, period, period, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // Shutting down: the load goes on without renewals; its lease may expire, which only costs a reload.
        }
        return extension::stop;
    }

    /** One lease's renewals: it stops itself once the lease is lost. */
    private final class Extension implements Runnable {
        private final Lease<?> lease;
        private final Duration ttl;
        private final String kind;
        private volatile ScheduledFuture<?> scheduled;
        private volatile boolean stopped;

        Extension(Lease<?> lease, Duration ttl, String kind) {
            this.lease = lease;
            this.ttl = ttl;
            this.kind = kind;
        }

        @Override
        public void run() {
            if (!stopped && !extend(lease, ttl, kind)) stop();
        }

        void stop() {
            stopped = true;
            ScheduledFuture<?> future = scheduled;
            if (future != null) future.cancel(false);
        }
    }

    /** Releases {@code lease} soon, best effort: the reader that may hold it is not kept waiting. */
    void releaseLater(Lease<?> lease) {
        try {
            timer.execute(() -> {
                try {
                    cache.release(lease);
                } catch (RuntimeException e) {
                    metrics.cacheError("release");
                }
            });
        } catch (RejectedExecutionException closed) {
            // Shutting down: the lease expires by itself.
        }
    }

    /** Whether the lease still holds; a failure to ask is counted, and the next period asks again. */
    private boolean extend(Lease<?> lease, Duration ttl, String kind) {
        try {
            boolean held = cache.extend(lease, ttl);
            if (held) metrics.leaseExtended(kind);
            return held;
        } catch (RuntimeException e) {
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
