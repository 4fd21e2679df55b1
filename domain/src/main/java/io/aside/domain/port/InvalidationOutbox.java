package io.aside.domain.port;

import io.aside.domain.cache.PendingInvalidation;
import java.util.Collection;
import java.util.List;

/**
 * The durable record of invalidations not yet known to have reached the cache. Entries are written
 * by {@link ModelRepository} inside each write's transaction; whoever delivers one to the cache
 * (the writer right after commit, or a relay later) removes it. Delivering twice is harmless:
 * invalidation is idempotent.
 */
public interface InvalidationOutbox {
    /** The oldest undelivered entries, at most {@code limit}. */
    List<PendingInvalidation> pending(int limit);

    /** Removes delivered entries; ids already removed are ignored. */
    void delivered(Collection<Long> ids);
}
