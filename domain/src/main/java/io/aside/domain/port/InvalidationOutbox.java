package io.aside.domain.port;

import io.aside.domain.cache.OutboxBacklog;
import io.aside.domain.cache.OutboxBatch;
import java.util.Collection;
import java.util.OptionalLong;

/**
 * The durable record of invalidations not yet known to have reached the cache. Entries are written
 * by {@link ModelRepository} inside each write's transaction; whoever delivers one to the cache
 * (the writer right after commit, or a relay later) removes it. Delivering twice is harmless:
 * invalidation is idempotent.
 */
public interface InvalidationOutbox {
    /**
     * The oldest undelivered entries whose id is above {@code afterId}, at most {@code limit}: a
     * relay pages on past entries it could not deliver. An entry that cannot be read back (a corrupt
     * row) is never returned: it is moved aside, out of the way of the others, and counted in the
     * batch, so one bad row cannot stop every later invalidation.
     */
    OutboxBatch pendingAfter(long afterId, int limit);

    /** The oldest undelivered entries, at most {@code limit}: {@link #pendingAfter} from the start. */
    default OutboxBatch pending(int limit) {
        return pendingAfter(Long.MIN_VALUE, limit);
    }

    /** Removes delivered entries; ids already removed are ignored. */
    void delivered(Collection<Long> ids);

    /** The id of the oldest entry still undelivered, whoever wrote it; empty when there is none. */
    OptionalLong oldestPending();

    /** How many entries are undelivered and the oldest one's age, whoever wrote them: for operators. */
    OutboxBacklog backlog();
}
