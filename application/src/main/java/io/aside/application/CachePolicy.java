package io.aside.application;

import java.time.Duration;
import java.util.Objects;

/**
 * The timing of the cache protocol (DESIGN §3).
 *
 * @param ttl          how long a model or page stays cached, before jitter
 * @param jitter       the fraction (0–0.5) by which each entry's TTL is spread, so entries filled
 *                     together do not expire together
 * @param tombstoneTtl how long "not found" is remembered; short, since a create may follow
 * @param leaseTtl     how long a loader may hold a key before another caller may take over;
 *                     longer than a slow database load
 * @param waitBudget   how long a reader waits for another caller's fill before reading the
 *                     database itself, without filling
 */
public record CachePolicy(Duration ttl, double jitter, Duration tombstoneTtl, Duration leaseTtl, Duration waitBudget) {
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    public CachePolicy {
        requirePositive(ttl, "ttl");
        requirePositive(tombstoneTtl, "tombstoneTtl");
        requirePositive(leaseTtl, "leaseTtl");
        Objects.requireNonNull(waitBudget, "waitBudget");
        if (waitBudget.isNegative()) throw new IllegalArgumentException("waitBudget must not be negative");
        if (!(jitter >= 0 && jitter <= 0.5)) throw new IllegalArgumentException("jitter must be within 0..0.5, got " + jitter);
    }

    public static CachePolicy withTtl(Duration ttl) {
        return new CachePolicy(ttl, 0.1, Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(2));
    }

    public static CachePolicy defaults() {
        return withTtl(DEFAULT_TTL);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) throw new IllegalArgumentException(name + " must be positive");
    }
}
