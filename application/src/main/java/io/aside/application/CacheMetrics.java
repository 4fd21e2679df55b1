package io.aside.application;

/**
 * What the cache protocol reports, so operators can see hit ratio, database load and trouble.
 * {@code cache} names the kind of entry: "model" or "page". Implemented by an adapter (Micrometer).
 */
public interface CacheMetrics {
    void hit(String cache);

    /** A tombstone answered "not found" without the database. */
    void negativeHit(String cache);

    void miss(String cache);

    /** A database load made on behalf of the cache, and how long it took. */
    void load(String cache, long nanos);

    /** A read answered by another read of the same key in this process: no cache or database call of its own. */
    void coalesced(String cache);

    /** A reader found another caller's lease and waited for its fill. */
    void leaseWait(String cache);

    /** A slow load's lease was extended, so other readers kept waiting for it instead of loading too. */
    void leaseExtended(String cache);

    /** A fill was refused because a write invalidated the key meanwhile: a stale set prevented. */
    void fillRefused(String cache);

    /** The cache failed or was shed; the request was served from the database. */
    void cacheError(String operation);

    /** A read skipped the cache because an undelivered invalidation may leave it stale. */
    void bypass(String cache);

    /** The relay delivered invalidations that were left in the outbox. */
    void replayed(int count);

    /** A relay pass failed; the next one tries again. {@code reason}: "database" (unreachable) or "unexpected". */
    void relayError(String reason);

    /** Outbox rows that could not be read back were moved aside, out of the relay's way. */
    void setAside(int count);

    CacheMetrics NONE = new CacheMetrics() {
        @Override public void hit(String cache) {}
        @Override public void negativeHit(String cache) {}
        @Override public void miss(String cache) {}
        @Override public void load(String cache, long nanos) {}
        @Override public void coalesced(String cache) {}
        @Override public void leaseWait(String cache) {}
        @Override public void leaseExtended(String cache) {}
        @Override public void fillRefused(String cache) {}
        @Override public void cacheError(String operation) {}
        @Override public void bypass(String cache) {}
        @Override public void replayed(int count) {}
        @Override public void relayError(String reason) {}
        @Override public void setAside(int count) {}
    };
}
