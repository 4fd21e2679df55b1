package io.aside.application;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The read half of the protocol (DESIGN §3): hit, tombstone, or lease → load → fill-if-lease-holds;
 * a reader that finds another caller's lease waits a bounded time for its fill, then reads the
 * database without filling. A cache failure never fails the read: it falls through to the loader.
 * While the {@link CacheGate} is closed (an invalidation is undelivered) the cache is bypassed.
 */
public final class CacheAside {
    private static final System.Logger LOG = System.getLogger(CacheAside.class.getName());
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(2);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(50);

    private final CachePort cache;
    private final CacheGate gate;
    private final CachePolicy policy;
    private final CacheMetrics metrics;
    private final Sleeper sleeper;

    public CacheAside(CachePort cache, CacheGate gate, CachePolicy policy, CacheMetrics metrics, Sleeper sleeper) {
        this.cache = cache;
        this.gate = gate;
        this.policy = policy;
        this.metrics = metrics;
        this.sleeper = sleeper;
    }

    public <V> Read<V> read(CacheKey<V> key, Supplier<Optional<V>> loader) {
        String kind = kind(key);
        if (!gate.isOpen()) return bypass(kind, loader);
        long deadline = System.nanoTime() + policy.waitBudget().toNanos();
        Duration backoff = FIRST_BACKOFF;
        boolean waited = false;
        while (true) {
            Lookup<V> lookup;
            try {
                lookup = cache.lookup(key, policy.leaseTtl());
            } catch (CacheUnavailableException e) {
                metrics.cacheError("lookup");
                LOG.log(Level.DEBUG, "cache lookup failed, reading the database", e);
                return Read.loaded(timedLoad(kind, loader));
            }
            if (lookup instanceof Lookup.Hit<V> hit) {
                metrics.hit(kind);
                return Read.cached(Optional.of(hit.value()));
            }
            if (lookup instanceof Lookup.Absent<V>) {
                metrics.negativeHit(kind);
                return Read.cached(Optional.empty());
            }
            if (lookup instanceof Lookup.Leased<V> leased) {
                metrics.miss(kind);
                return Read.loaded(loadAndFill(leased.lease(), kind, loader));
            }
            if (!waited) {
                metrics.leaseWait(kind);
                waited = true;
            }
            if (System.nanoTime() + backoff.toNanos() > deadline) {
                metrics.miss(kind);
                return Read.loaded(timedLoad(kind, loader));
            }
            pause(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Reads the database without touching the cache, while the cache may hold stale entries. */
    <V> Read<V> bypass(String kind, Supplier<Optional<V>> loader) {
        metrics.bypass(kind);
        return Read.loaded(timedLoad(kind, loader));
    }

    boolean cacheTrusted() {
        return gate.isOpen();
    }

    private <V> Optional<V> loadAndFill(Lease<V> lease, String kind, Supplier<Optional<V>> loader) {
        Optional<V> value;
        try {
            value = timedLoad(kind, loader);
        } catch (RuntimeException loadFailed) {
            releaseQuietly(lease);
            throw loadFailed;
        }
        if (!gate.isOpen()) {
            // An invalidation went undelivered while we loaded: it may be for this very row, and the
            // lease it would have deleted still holds. Leave the key to a reader after the replay.
            releaseQuietly(lease);
            return value;
        }
        try {
            Duration ttl = jittered(value.isPresent() ? policy.ttl() : policy.tombstoneTtl());
            if (!cache.fill(lease, value, ttl)) metrics.fillRefused(kind);
        } catch (CacheUnavailableException e) {
            metrics.cacheError("fill");
        }
        return value;
    }

    private <V> Optional<V> timedLoad(String kind, Supplier<Optional<V>> loader) {
        long start = System.nanoTime();
        try {
            return loader.get();
        } finally {
            metrics.load(kind, System.nanoTime() - start);
        }
    }

    /** base ± jitter, never below one millisecond. */
    Duration jittered(Duration base) {
        double factor = 1 + policy.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor)));
    }

    private void releaseQuietly(Lease<?> lease) {
        try {
            cache.release(lease);
        } catch (CacheUnavailableException e) {
            metrics.cacheError("release");
        }
    }

    private void pause(Duration backoff) {
        try {
            sleeper.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a cache fill", e);
        }
    }

    private static String kind(CacheKey<?> key) {
        return key instanceof ModelKey ? "model" : "page";
    }
}
