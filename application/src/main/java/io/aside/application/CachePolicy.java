package io.aside.application;

import static io.aside.domain.Checks.requirePositive;

import io.aside.domain.cache.Presence;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The timing of the cache protocol (DESIGN §3).
 *
 * @param ttl            how long a model or page stays cached, before jitter
 * @param jitter         the fraction (0–0.5) by which each entry's TTL is spread, so entries filled
 *                       together do not expire together
 * @param tombstoneTtl   how long "not found" is remembered; short, since a create may follow
 * @param leaseTtl       how long a lease outlives its holder: the holder extends it while it loads,
 *                       so this only bounds how long others wait for a holder that died
 * @param readDeadline   how long a reader waits for another caller's fill, while that caller's lease
 *                       lives, before reading the database itself (once per instance, without filling);
 *                       longer than the database's query timeout, so a slow but live load is waited for
 * @param lookupAttempts how many times a lookup whose reply was lost (timeout) is asked again, with the
 *                       same lease token, before the read falls back to the database
 * @param fallbackWindow while an instance cannot use the cache, how long a database read answers its later
 *                       readers of the same key: long enough that a burst costs one load, short enough to
 *                       be a small bound on staleness; zero turns it off
 */
public record CachePolicy(Duration ttl, double jitter, Duration tombstoneTtl, Duration leaseTtl, Duration readDeadline,
                          int lookupAttempts, Duration fallbackWindow) {
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(3);
    /** The database's 10 s query timeout, plus time to fill and answer. */
    public static final Duration DEFAULT_READ_DEADLINE = Duration.ofSeconds(12);
    public static final int DEFAULT_LOOKUP_ATTEMPTS = 3;
    public static final Duration DEFAULT_FALLBACK_WINDOW = Duration.ofSeconds(1);
    /** A bound on staleness during an outage must stay small. */
    public static final Duration LONGEST_FALLBACK_WINDOW = Duration.ofMinutes(1);

    public CachePolicy {
        requirePositive(ttl, "ttl");
        requirePositive(tombstoneTtl, "tombstoneTtl");
        requirePositive(leaseTtl, "leaseTtl");
        requirePositive(readDeadline, "readDeadline");
        if (!(jitter >= 0 && jitter <= 0.5)) throw new IllegalArgumentException("jitter must be within 0..0.5, got " + jitter);
        if (lookupAttempts < 1) throw new IllegalArgumentException("lookupAttempts must be positive, got " + lookupAttempts);
        requireFallbackWindow(fallbackWindow);
    }

    /** The defaults for everything the configuration does not set. */
    public static CachePolicy of(Duration ttl, Duration readDeadline, Duration fallbackWindow) {
        return new CachePolicy(ttl, 0.1, Duration.ofSeconds(30), DEFAULT_LEASE_TTL, readDeadline, DEFAULT_LOOKUP_ATTEMPTS,
                fallbackWindow);
    }

    public static CachePolicy withTtl(Duration ttl) {
        return of(ttl, DEFAULT_READ_DEADLINE, DEFAULT_FALLBACK_WINDOW);
    }

    public static CachePolicy defaults() {
        return withTtl(DEFAULT_TTL);
    }

    /** How long to cache {@code value}: a tombstone briefly (a create may follow), anything else for the TTL; ± jitter. */
    Duration ttlFor(Object value) {
        return jittered(value instanceof Presence.Absent ? tombstoneTtl : ttl);
    }

    /** {@code base} ± jitter, never below one millisecond. */
    Duration jittered(Duration base) {
        double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor)));
    }

    /** From zero (off) to {@link #LONGEST_FALLBACK_WINDOW}; public so that the configuration names its variable. */
    public static Duration requireFallbackWindow(Duration window) {
        Objects.requireNonNull(window, "fallbackWindow");
        if (window.isNegative() || window.compareTo(LONGEST_FALLBACK_WINDOW) > 0) {
            throw new IllegalArgumentException("fallback window must be from PT0S (off) to " + LONGEST_FALLBACK_WINDOW + ", got " + window);
        }
        return window;
    }
}
