package io.aside.cache;

import static io.aside.domain.Checks.requirePositive;

import java.time.Duration;

/**
 * The near cache (DESIGN §3.3): an in-process tier in front of Redis, strict across instances.
 *
 * @param maxBytes     what its entries may take on the heap, as estimated ({@link EntryWeigher})
 * @param servingLease how long an instance may answer from its near cache without renewing its
 *                     serving lease in Redis: the longest a write waits for an instance that does not
 *                     acknowledge its invalidation, and the longest a frozen instance could serve after
 *                     it lost touch (it stops earlier, by its own clock)
 * @param entryTtl     how long an entry stays before it is read from Redis again; strictness does not
 *                     depend on it, invalidations do
 */
public record NearCacheSettings(long maxBytes, Duration servingLease, Duration entryTtl) {
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_SERVING_LEASE = Duration.ofSeconds(2);
    public static final Duration DEFAULT_ENTRY_TTL = Duration.ofMinutes(1);

    public NearCacheSettings {
        if (maxBytes < 1) throw new IllegalArgumentException("near cache size must be positive, got " + maxBytes);
        requirePositive(servingLease, "serving lease");
        requirePositive(entryTtl, "near cache entry TTL");
    }

    public static NearCacheSettings ofSize(long maxBytes) {
        return new NearCacheSettings(maxBytes, DEFAULT_SERVING_LEASE, DEFAULT_ENTRY_TTL);
    }

    /** How often the serving lease is renewed: often enough that two renewals may be lost in a row. */
    Duration renewalInterval() {
        return servingLease.dividedBy(4);
    }
}
