package io.aside.application;

import io.aside.application.Outcome.Source;
import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.EntryKind;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.Presence;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The read half of the protocol (DESIGN §3), as run by the one reader of a key in this process:
 * hit, tombstone, or lease → load (the lease kept alive meanwhile) → fill-if-the-lease-holds. A
 * reader that finds another caller's lease waits while it lives, up to the read deadline. A lookup
 * whose reply was lost is asked again with the same token; when the cache cannot be used at all
 * (several lost replies in a row, or the breaker shedding calls), the read falls back to the
 * database, and gives back the lease a lost reply may have taken.
 */
final class ReadProtocol {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(2);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(50);

    private final CachePort cache;
    private final CacheTrust trust;
    private final CachePolicy policy;
    private final CacheMetrics metrics;
    private final Sleeper sleeper;
    private final LeaseKeeper keeper;

    ReadProtocol(CachePort cache, CacheTrust trust, CachePolicy policy, CacheMetrics metrics, Sleeper sleeper, LeaseKeeper keeper) {
        this.cache = cache;
        this.trust = trust;
        this.policy = policy;
        this.metrics = metrics;
        this.sleeper = sleeper;
        this.keeper = keeper;
    }

    <V> Outcome<V> run(CacheKey<V> key, Supplier<V> loader) {
        EntryKind<V> kind = key.kind();
        if (!trust.isTrusted(key)) {
            metrics.untrustedRead(kind);
            return fallback(kind, loader);
        }
        long deadline = System.nanoTime() + policy.readDeadline().toNanos();
        LeaseRequest request = new LeaseRequest(LeaseTokens.next(), policy.leaseTtl());
        Duration backoff = FIRST_BACKOFF;
        boolean unanswered = false; // looked up without an answer: may hold our lease
        int failures = 0;
        boolean waited = false;
        while (true) {
            long asOf = System.nanoTime();
            Lookup<V> lookup;
            try {
                lookup = cache.lookup(key, request);
            } catch (CacheUnavailableException e) {
                metrics.cacheError("lookup");
                if (!e.shed()) unanswered = true; // a shed lookup was never sent
                if (!e.shed() && ++failures < policy.lookupAttempts() && System.nanoTime() < deadline) continue;
                if (unanswered) keeper.releaseLater(key, request.token(), request.ttl());
                return fallback(kind, loader);
            }
            if (lookup instanceof Lookup.Hit<V> hit) {
                if (hit.value() instanceof Presence.Absent) metrics.negativeHit(kind); else metrics.hit(kind);
                return Outcome.of(hit.value(), Source.CACHE, asOf);
            }
            if (lookup instanceof Lookup.Leased<V> leased) {
                metrics.miss(kind);
                return loadAndFill(leased.lease(), loader);
            }
            if (lookup instanceof Lookup.Uncached<V>) {
                metrics.miss(kind);
                return loadWithoutFilling(kind, loader);
            }
            unanswered = false; // answered Busy: someone else holds it
            failures = 0; // only lost replies in a row mean the cache cannot be used; a long wait may meet a few
            if (!waited) {
                metrics.leaseWait(kind);
                waited = true;
            }
            if (System.nanoTime() + backoff.toNanos() - deadline > 0) {
                metrics.miss(kind);
                return loadWithoutFilling(kind, loader);
            }
            pause(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private <V> Outcome<V> loadAndFill(Lease<V> lease, Supplier<V> loader) {
        EntryKind<V> kind = lease.key().kind();
        long loadStart = System.nanoTime();
        V value;
        try (LeaseKeeper.Renewal renewal = keeper.keepAlive(lease, policy.leaseTtl())) {
            value = timedLoad(kind, loader);
        } catch (RuntimeException loadFailed) {
            keeper.releaseLater(lease.key(), lease.token(), policy.leaseTtl());
            throw loadFailed;
        }
        if (!trust.isTrusted(lease.key())) {
            // An invalidation of this key went undelivered while we loaded: the lease it would have
            // deleted still holds. Leave the key to a reader after the replay.
            keeper.releaseLater(lease.key(), lease.token(), policy.leaseTtl());
            return Outcome.of(value, Source.LOADED, loadStart);
        }
        try {
            if (cache.fill(lease, value, policy.ttlFor(value))) return Outcome.of(value, Source.FILLED, loadStart);
            metrics.fillRefused(kind);
        } catch (CacheUnavailableException e) {
            metrics.cacheError("fill");
            // The lease may still hold the key: give it back, or every other reader waits it out.
            keeper.releaseLater(lease.key(), lease.token(), policy.leaseTtl());
        }
        return Outcome.of(value, Source.LOADED, loadStart);
    }

    /** The database, the cache answering but unable to take the answer (full, or held by a lease past the deadline). */
    private <V> Outcome<V> loadWithoutFilling(EntryKind<V> kind, Supplier<V> loader) {
        long loadStart = System.nanoTime();
        return Outcome.of(timedLoad(kind, loader), Source.LOADED, loadStart);
    }

    /** The database without the cache, which could not be used: the answer is shared more widely ({@link ReadFlights}). */
    private <V> Outcome<V> fallback(EntryKind<V> kind, Supplier<V> loader) {
        long loadStart = System.nanoTime();
        return Outcome.of(timedLoad(kind, loader), Source.FALLBACK, loadStart);
    }

    private <V> V timedLoad(EntryKind<V> kind, Supplier<V> loader) {
        long start = System.nanoTime();
        try {
            return loader.get();
        } finally {
            metrics.load(kind, System.nanoTime() - start);
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
}
