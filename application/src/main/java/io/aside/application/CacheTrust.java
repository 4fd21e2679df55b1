package io.aside.application;

import java.util.OptionalLong;

/**
 * Whether this instance trusts the cache for reads. Trust is withdrawn when an invalidation could
 * not be delivered (this instance's own, or one its relay found pending), because until that
 * invalidation arrives the cache may still hold what the write replaced. It is restored once the
 * outbox holds nothing at or before that entry — whoever delivered it, this instance's relay or
 * another's. While the cache is untrusted, reads go to the database and fill nothing.
 */
public final class CacheTrust {
    private volatile boolean untrusted;
    private long withdrawals;
    private long undeliveredUpTo = Long.MIN_VALUE;

    public boolean isTrusted() {
        return !untrusted;
    }

    /** Outbox entry {@code undeliveredEntry} could not be delivered. */
    synchronized void withdraw(long undeliveredEntry) {
        withdrawals++;
        undeliveredUpTo = Math.max(undeliveredUpTo, undeliveredEntry);
        untrusted = true;
    }

    /** How many times trust was withdrawn: note it before reading the outbox, then pass it to {@link #restoreIfDelivered}. */
    synchronized long withdrawals() {
        return withdrawals;
    }

    /**
     * The outbox, read after {@link #withdrawals()} returned {@code withdrawalsBefore}, starts at
     * {@code oldestPending} (empty: nothing pending). Trust returns when that is past every
     * undelivered entry, unless it was withdrawn again meanwhile: that withdrawal's entry committed
     * after the read began and may not have been seen.
     */
    synchronized void restoreIfDelivered(long withdrawalsBefore, OptionalLong oldestPending) {
        if (!untrusted || withdrawals != withdrawalsBefore) return;
        if (oldestPending.isEmpty() || oldestPending.getAsLong() > undeliveredUpTo) {
            untrusted = false;
            undeliveredUpTo = Long.MIN_VALUE;
        }
    }
}
