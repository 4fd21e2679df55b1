package io.aside.cache;

/**
 * The near cache's counters. A miss is counted only while it serves: while it does not, every read
 * goes to Redis and is neither.
 *
 * @param bytes         what its entries hold, as estimated ({@link EntryWeigher})
 * @param invalidations invalidations received from every instance (its own included)
 */
public record NearCacheStats(long hits, long misses, long evictions, long bytes, long entries, long invalidations) {}
