package io.aside.application;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The first tier of herd protection (DESIGN §3.1): concurrent reads of one key in this process
 * share one run of the read protocol, before any cache call. The lease coalesces across instances
 * only while the cache answers; this holds also when it is slow, failing or shed by its breaker, so
 * a cold key costs at most one database load per instance whatever the cache does.
 *
 * <p>While the cache answers, a reader takes a run's answer only if it joined before that answer was
 * read (see {@link Outcome}). While it cannot be used, the database would get every read the cache
 * used to absorb, so a database read made without the cache answers every reader of that key in
 * this process for {@code fallbackWindow} after it was made: a bounded staleness, and only during an
 * outage, traded for a database that survives it. A write on this instance ends that at once ({@link #forget}).
 */
public final class ReadFlights {
    private final ConcurrentHashMap<CacheKey<?>, CompletableFuture<Outcome<?>>> running = new ConcurrentHashMap<>();
    private final Duration patience;
    private final long fallbackWindowNanos;
    private final Executor expiry;
    private final boolean coalesce;
    /** {@link System#nanoTime()} of the last database read kept for the fallback window; the window's start, not its end. */
    private volatile long lastFallbackKept = System.nanoTime() - Long.MAX_VALUE / 2;

    /**
     * @param patience       how long a reader waits for another's run before running the protocol itself (a safety net)
     * @param fallbackWindow how long a database read made without the cache answers later readers of its key
     */
    public ReadFlights(Duration patience, Duration fallbackWindow) {
        this(patience, fallbackWindow, true);
    }

    private ReadFlights(Duration patience, Duration fallbackWindow, boolean coalesce) {
        if (fallbackWindow.isNegative()) throw new IllegalArgumentException("fallbackWindow must not be negative");
        this.patience = patience;
        this.fallbackWindowNanos = fallbackWindow.toNanos();
        this.expiry = CompletableFuture.delayedExecutor(fallbackWindowNanos, TimeUnit.NANOSECONDS);
        this.coalesce = coalesce;
    }

    /** Every read runs the protocol itself, as plain cache-aside does: for baselines that show what coalescing saves. */
    public static ReadFlights uncoalesced() {
        return new ReadFlights(Duration.ZERO, Duration.ZERO, false);
    }

    /**
     * Joins the run of {@code key} in progress, or runs {@code protocol} for everyone who joins.
     * {@code onShared} is called for each reader answered by another's run.
     */
    <V> Read<V> read(CacheKey<V> key, Supplier<Outcome<V>> protocol, Runnable onShared) {
        if (!coalesce) return protocol.get().forRunner();
        while (true) {
            long joinedAt = System.nanoTime();
            CompletableFuture<Outcome<?>> mine = new CompletableFuture<>();
            CompletableFuture<Outcome<?>> theirs = running.putIfAbsent(key, mine);
            if (theirs == null) return run(key, mine, protocol);
            Outcome<V> outcome = await(key, theirs);
            if (outcome != null && outcome.serves(joinedAt, fallbackWindowNanos)) {
                onShared.run();
                return outcome.forSharer();
            }
            // Settled before we joined and not ours to take: make room for a new run (the answer is most likely cached by now).
            running.remove(key, theirs);
        }
    }

    /**
     * Whether a database read made without the cache may still be answering readers here: one was kept
     * less than a fallback window ago. Until that window has passed, a reader may get a row up to it old.
     */
    public boolean servingFallbacks() {
        return fallbackWindowNanos > 0 && System.nanoTime() - lastFallbackKept < fallbackWindowNanos;
    }

    /**
     * Readers that arrive after a write on this instance must not take the answer of a run that
     * began before it: forget the runs the write touched, so later readers start their own.
     */
    public void forget(Invalidation invalidation) {
        running.keySet().removeIf(key -> key.touchedBy(invalidation));
    }

    private <V> Read<V> run(CacheKey<V> key, CompletableFuture<Outcome<?>> mine, Supplier<Outcome<V>> protocol) {
        Outcome<V> outcome;
        try {
            outcome = protocol.get();
        } catch (RuntimeException | Error failed) {
            running.remove(key, mine);
            mine.completeExceptionally(failed);
            throw failed;
        }
        if (outcome.source() == Outcome.Source.FALLBACK && fallbackWindowNanos > 0) {
            lastFallbackKept = System.nanoTime();
            mine.complete(outcome); // stays for later readers of the key until its window has passed
            expiry.execute(() -> running.remove(key, mine));
        } else {
            // Removed before completing: a reader arriving now starts a new run instead of finding a settled one.
            running.remove(key, mine);
            mine.complete(outcome);
        }
        return outcome.forRunner();
    }

    /** The run's outcome; its failure is ours too; null when it took unreasonably long (we run ourselves). */
    @SuppressWarnings("unchecked")
    private <V> Outcome<V> await(CacheKey<V> key, CompletableFuture<Outcome<?>> theirs) {
        try {
            return (Outcome<V>) theirs.get(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException stuck) {
            running.remove(key, theirs);
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            if (e.getCause() instanceof Error error) throw error;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another read of " + key, e);
        }
    }
}
