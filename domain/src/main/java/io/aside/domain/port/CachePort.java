package io.aside.domain.port;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import java.time.Duration;

/**
 * The cache primitives cache-aside needs to be correct (DESIGN §3), not a map. Every operation is
 * atomic in the cache itself, so several service instances sharing one cache obey the protocol:
 * <ul>
 *   <li>{@link #lookup} reads a key and, on a miss, hands out at most one lease per key at a time;</li>
 *   <li>{@link #fill} stores a value only while the caller's lease still holds the key;</li>
 *   <li>{@link #invalidate} deletes keys, and with them any lease, so a fill that raced a write is refused.</li>
 * </ul>
 * Entries from an earlier life of the cache (a restart from a snapshot, a failover to a replica that
 * missed writes) are never returned (DESIGN §3.2). TTLs must be positive. Implementations throw
 * {@link CacheUnavailableException} when the cache cannot answer in time.
 */
public interface CachePort {
    /**
     * Reads {@code key}; on a miss takes the lease for {@code request} if nobody holds one. Asking
     * again with the same token after a lost reply is safe: a lease the lost call took comes back as ours.
     * A page is looked up in its category's current generation, resolved in the same step. A
     * generation never goes back to a number it had before, even when the cache loses it (eviction,
     * restart): otherwise a page of an older generation could be read again.
     */
    <V> Lookup<V> lookup(CacheKey<V> key, LeaseRequest request);

    /**
     * Stores {@code value} for {@code ttl}, but only while {@code lease} is still the key's holder.
     * Returns whether it was stored.
     */
    <V> boolean fill(Lease<V> lease, V value, Duration ttl);

    /**
     * Keeps a lease alive for {@code ttl} from now, while it still holds its key; false once it does
     * not (an invalidation took it; for a page, its category moved to a new generation).
     */
    boolean extend(Lease<?> lease, Duration ttl);

    /**
     * Gives back the lease under {@code token} on {@code key} without filling, so waiting readers need
     * not wait for its TTL; a no-op once it is not ours. Takes the token rather than a {@link Lease}:
     * a lookup whose reply was lost may have taken a lease the caller never saw.
     */
    void release(CacheKey<?> key, String token);

    /** Deletes the models' keys (and their leases) and moves the categories to a new generation. */
    void invalidate(Invalidation invalidation);

    /**
     * {@link #invalidate} as the last attempt for a committed write whose first attempt failed: it
     * waits for the cache's longer write timeout and is never shed by a circuit breaker, since the
     * breaker protects reads from a slow cache, not writes from a cache that is merely slow.
     */
    void invalidatePatiently(Invalidation invalidation);

    /** Throws {@link CacheUnavailableException} unless the cache answers now; notices a cache that restarted. */
    void ping();
}
