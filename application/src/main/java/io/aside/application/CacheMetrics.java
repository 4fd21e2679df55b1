package io.aside.application;

import io.aside.domain.cache.EntryKind;

/**
 * What the cache protocol reports, so operators can see hit ratio, database load and trouble, per
 * kind of entry (model or page). Implemented by an adapter (Micrometer).
 */
public interface CacheMetrics {
    void hit(EntryKind<?> kind);

    /** A tombstone answered "not found" without the database. */
    void negativeHit(EntryKind<?> kind);

    void miss(EntryKind<?> kind);

    /** A database load made on behalf of the cache, and how long it took. */
    void load(EntryKind<?> kind, long nanos);

    /** A read answered by another read of the same key in this process: no cache or database call of its own. */
    void coalesced(EntryKind<?> kind);

    /** A reader found another caller's lease and waited for its fill. */
    void leaseWait(EntryKind<?> kind);

    /** A slow load's lease was extended, so other readers kept waiting for it instead of loading too. */
    void leaseExtended(EntryKind<?> kind);

    /** A fill was refused because a write invalidated the key meanwhile: a stale set prevented. */
    void fillRefused(EntryKind<?> kind);

    /** The cache failed or was shed; the request was served from the database. */
    void cacheError(String operation);

    /** A read skipped the cache because it is not trusted: an undelivered invalidation may leave it stale. */
    void untrustedRead(EntryKind<?> kind);

    /** The relay delivered invalidations that were left in the outbox. */
    void replayed(int count);

    /** A relay pass failed; the next one tries again. {@code reason}: "database" (unreachable) or "unexpected". */
    void relayError(String reason);

    /** Outbox rows that could not be read back were moved aside, out of the relay's way. */
    void setAside(int count);

    /** Who delivered an invalidation: its writer, right after the commit, or a relay, from the outbox. */
    enum Delivery { WRITER, RELAY }

    /** An invalidation took effect, {@code nanos} after its write committed. */
    void invalidationDelivered(Delivery path, long nanos);

    CacheMetrics NONE = new CacheMetrics() {
        @Override public void hit(EntryKind<?> kind) {}
        @Override public void negativeHit(EntryKind<?> kind) {}
        @Override public void miss(EntryKind<?> kind) {}
        @Override public void load(EntryKind<?> kind, long nanos) {}
        @Override public void coalesced(EntryKind<?> kind) {}
        @Override public void leaseWait(EntryKind<?> kind) {}
        @Override public void leaseExtended(EntryKind<?> kind) {}
        @Override public void fillRefused(EntryKind<?> kind) {}
        @Override public void cacheError(String operation) {}
        @Override public void untrustedRead(EntryKind<?> kind) {}
        @Override public void replayed(int count) {}
        @Override public void relayError(String reason) {}
        @Override public void setAside(int count) {}
        @Override public void invalidationDelivered(Delivery path, long nanos) {}
    };
}
