package io.aside.application;

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
 */
public record CachePolicy(Duration ttl, double jitter, Duration tombstoneTtl, Duration leaseTtl, Duration readDeadline,
                          int lookupAttempts) {
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(3);
    /** The database's 10 s query timeout, plus time to fill and answer. */
    public static final Duration DEFAULT_READ_DEADLINE = Duration.ofSeconds(12);
    public static final int DEFAULT_LOOKUP_ATTEMPTS = 3;

    public CachePolicy {
        requirePositive(ttl, "ttl");
        requirePositive(tombstoneTtl, "tombstoneTtl");
        requirePositive(leaseTtl, "leaseTtl");
        requirePositive(readDeadline, "readDeadline");
        if (!(jitter >= 0 && jitter <= 0.5)) throw new IllegalArgumentException("jitter must be within 0..0.5, got " + jitter);
        if (lookupAttempts < 1) throw new IllegalArgumentException("lookupAttempts must be positive, got " + lookupAttempts);
    }

    public static CachePolicy of(Duration ttl, Duration readDeadline) {
        return new CachePolicy(ttl, 0.1, Duration.ofSeconds(30), DEFAULT_LEASE_TTL, readDeadline, DEFAULT_LOOKUP_ATTEMPTS);
    }

    public static CachePolicy withTtl(Duration ttl) {
        return of(ttl, DEFAULT_READ_DEADLINE);
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

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) throw new IllegalArgumentException(name + " must be positive");
    }
}
