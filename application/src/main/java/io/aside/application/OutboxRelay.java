package io.aside.application;

import io.aside.domain.cache.OutboxBacklog;
import io.aside.domain.cache.OutboxBatch;
import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.domain.port.InvalidationOutbox;
import io.aside.domain.port.RepositoryUnavailableException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers the invalidations left in the outbox — by a cache outage, or by a crash between commit
 * and delivery — oldest first. Every instance runs one on a timer: no leader is needed because
 * delivering twice is harmless. An entry is due once a previous pass has seen it, i.e. once it has
 * waited a whole interval: younger entries are still being delivered by their writers, and sending
 * them again would only retire list pages twice. The relay also restores {@link CacheTrust} once nothing undelivered is left, and
 * asks the cache each pass which life it is in (a restart that kept our connections is noticed).
 *
 * <p>Every due entry is tried, whatever failed before it, and each that fails withdraws trust for
 * the keys it touches: on a cluster with one node down, entries for the others still land, and reads
 * of their keys stay cached. Order does not matter: an invalidation deletes keys and moves
 * generations on, whatever was delivered before it. A cache that is down costs a failed call per
 * entry, a timeout at worst, only until the circuit breaker opens; then calls are shed at once.
 *
 * <p>A pass never throws, whatever fails: the loop must outlive every error. A failure is logged
 * once per streak and counted; the next pass starts over.
 */
public final class OutboxRelay {
    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());
    static final int BATCH = 100;
    private static final int MAX_BATCHES_PER_PASS = 20;

    private final InvalidationOutbox outbox;
    private final CachePort cache;
    private final CacheTrust trust;
    private final CacheMetrics metrics;
    private long seenByEarlierPasses = Long.MIN_VALUE;
    private boolean failing;
    /** What the last pass that reached the database left behind; read by operators' gauges. */
    private volatile OutboxBacklog backlog = OutboxBacklog.EMPTY;
    private volatile long lastPassNanos;

    public OutboxRelay(InvalidationOutbox outbox, CachePort cache, CacheTrust trust, CacheMetrics metrics) {
        this.outbox = outbox;
        this.cache = cache;
        this.trust = trust;
        this.metrics = metrics;
    }

    /** One pass; returns how many entries it delivered. */
    public synchronized int relay() {
        long start = System.nanoTime();
        try {
            int delivered = pass();
            lastPassNanos = System.nanoTime() - start;
            if (failing) LOG.log(Level.INFO, "outbox relay works again");
            failing = false;
            return delivered;
        } catch (RepositoryUnavailableException e) {
            failed("database", Level.DEBUG, e); // the database is down: nothing is known of pending entries; trust stays as it is
        } catch (RuntimeException e) {
            failed("unexpected", Level.ERROR, e);
        }
        return 0;
    }

    /**
     * The invalidations waiting in the outbox that a writer did not deliver at once, as the last pass
     * found them: empty while every due entry was delivered.
     */
    public OutboxBacklog backlog() {
        return backlog;
    }

    /** How long the last pass took: what a relay adds, beyond waiting its turn, to an invalidation's delivery. */
    public Duration lastPass() {
        return Duration.ofNanos(lastPassNanos);
    }

    private int pass() {
        long withdrawalsAtStart = trust.withdrawals();
        askCacheLife();
        long dueUpTo = seenByEarlierPasses;
        long readUpTo = Long.MIN_VALUE;
        int delivered = 0;
        boolean leftBehind = false;
        for (int i = 0; i < MAX_BATCHES_PER_PASS; i++) {
            long readAt = System.nanoTime();
            OutboxBatch batch = outbox.pendingAfter(readUpTo, BATCH); // on past the entries it could not deliver
            if (batch.setAside() > 0) metrics.setAside(batch.setAside());
            List<PendingInvalidation> entries = batch.entries();
            if (!entries.isEmpty()) readUpTo = entries.get(entries.size() - 1).id();
            seenByEarlierPasses = Math.max(seenByEarlierPasses, readUpTo);
            List<PendingInvalidation> due = entries.stream().filter(entry -> entry.id() <= dueUpTo).toList();
            List<Long> done = deliver(due, readAt);
            trust.delivered(done);
            outbox.delivered(done);
            delivered += done.size();
            if (!done.isEmpty()) metrics.replayed(done.size());
            boolean mayBeMore = due.size() == entries.size() && entries.size() + batch.setAside() >= BATCH;
            leftBehind |= done.size() < due.size() || (mayBeMore && i == MAX_BATCHES_PER_PASS - 1);
            if (!mayBeMore) break;
        }
        // Counted only when something is left behind: a healthy pass costs no extra query.
        backlog = leftBehind ? outbox.backlog() : OutboxBacklog.EMPTY;
        if (!trust.isTrusted()) trust.restoreIfDelivered(withdrawalsAtStart, outbox.oldestPending());
        return delivered;
    }

    /**
     * Tries every entry, withdrawing trust for each that fails; returns the ids delivered. Each
     * delivered entry's lag is its age when read ({@code readAt}) plus the time since.
     */
    private List<Long> deliver(List<PendingInvalidation> due, long readAt) {
        List<Long> delivered = new ArrayList<>();
        for (PendingInvalidation entry : due) {
            try {
                cache.invalidate(entry.invalidation());
                delivered.add(entry.id());
                metrics.invalidationDelivered(CacheMetrics.Delivery.RELAY, entry.age().toNanos() + System.nanoTime() - readAt);
            } catch (CacheUnavailableException e) {
                metrics.cacheError("replay");
                trust.withdraw(entry.id(), entry.invalidation());
            }
        }
        return delivered;
    }

    private void askCacheLife() {
        try {
            cache.ping();
        } catch (CacheUnavailableException e) {
            // Reads find out by themselves; the deliveries below fail and are retried.
        }
    }

    private void failed(String reason, Level level, RuntimeException e) {
        metrics.relayError(reason);
        if (failing) {
            LOG.log(Level.DEBUG, "outbox relay pass failed again: " + e);
        } else {
            LOG.log(level, "outbox relay pass failed (" + reason + "); retrying every pass, logging once until it works: " + e, e);
        }
        failing = true;
    }
}
