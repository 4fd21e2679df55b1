package io.aside.application;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which keys this instance trusts the cache for. An invalidation that could not be delivered (this
 * instance's own, or one its relay found pending) may leave stale the keys it touches, so until it
 * arrives reads of those keys go to the database and fill nothing; reads of other keys keep using the
 * cache (on a cluster, a node that is down affects only its own keys). An undelivered invalidation is
 * forgotten once this instance's relay delivers it, or once the outbox holds nothing at or before its
 * entry, whoever delivered it.
 */
public final class CacheTrust {
    /**
     * Past this many undelivered invalidations remembered, every key is distrusted instead, until the
     * outbox is past all of them: memory stays bounded through a long outage.
     */
    static final int MAX_REMEMBERED = 10_000;
    /**
     * Readers check this many of the latest undelivered invalidations one by one before they are
     * folded into one union: a withdrawal copies the union only once in so many.
     */
    private static final int MAX_UNFOLDED = 64;

    /** What readers check: replaced whole under the lock, so that a read takes none. */
    private volatile Distrust distrust = Distrust.NONE;
    /** By outbox entry id. */
    private final TreeMap<Long, Withdrawal> undelivered = new TreeMap<>();
    private long withdrawals;
    /** Past {@link #MAX_REMEMBERED}: every key is distrusted until the outbox is past {@link #everyKeyUpTo}. */
    private boolean everyKey;
    private long everyKeyUpTo;

    /** Whether reads of {@code key} may use the cache: no undelivered invalidation touches it. */
    public boolean isTrusted(CacheKey<?> key) {
        Distrust current = distrust;
        return current == Distrust.NONE || !current.covers(key); // the first: every read while all is delivered
    }

    /**
     * Whether reads of every key may use the cache. False while any invalidation is undelivered, even
     * one that leaves most keys trusted: health reports the cache untrusted as long as some reads skip it.
     */
    public boolean isTrusted() {
        return distrust == Distrust.NONE;
    }

    /** Outbox entry {@code undeliveredEntry}, which carries {@code invalidation}, could not be delivered. */
    synchronized void withdraw(long undeliveredEntry, Invalidation invalidation) {
        if (everyKey) {
            withdrawals++;
            everyKeyUpTo = Math.max(everyKeyUpTo, undeliveredEntry);
            return;
        }
        // The relay meets a stuck entry again every pass: that is nothing new, and must not hold back restoring others.
        if (undelivered.containsKey(undeliveredEntry)) return;
        withdrawals++;
        undelivered.put(undeliveredEntry, new Withdrawal(invalidation, withdrawals));
        if (undelivered.size() > MAX_REMEMBERED) {
            everyKey = true;
            everyKeyUpTo = undelivered.lastKey();
            undelivered.clear();
            distrust = Distrust.EVERY_KEY;
        } else {
            distrust = distrust.recent().size() < MAX_UNFOLDED ? distrust.with(invalidation) : folded();
        }
    }

    /**
     * This instance delivered these entries itself: what they touched is clean from then on, whatever
     * older entry is still pending, so their keys need not wait for the outbox to be past them.
     */
    synchronized void delivered(Collection<Long> entries) {
        if (undelivered.keySet().removeAll(entries)) distrust = folded();
    }

    /** How many times trust was withdrawn: note it before reading the outbox, then pass it to {@link #restoreIfDelivered}. */
    synchronized long withdrawals() {
        return withdrawals;
    }

    /**
     * The outbox, read after {@link #withdrawals()} returned {@code withdrawalsBefore}, starts at
     * {@code oldestPending} (empty: nothing pending). Each undelivered invalidation withdrawn before
     * that note and older than {@code oldestPending} was delivered: its entry had committed, so the read
     * would have found it. One withdrawn since is kept whatever the read found: its entry may have
     * committed after the read began, with a lower id than entries committed before it. Past the bound,
     * trust returns for every key at once, when the outbox is past every undelivered entry and nothing
     * was withdrawn since the note.
     */
    synchronized void restoreIfDelivered(long withdrawalsBefore, OptionalLong oldestPending) {
        if (everyKey) {
            boolean pastEverything = oldestPending.isEmpty() || oldestPending.getAsLong() > everyKeyUpTo;
            if (withdrawals != withdrawalsBefore || !pastEverything) return;
            everyKey = false;
            distrust = Distrust.NONE;
            return;
        }
        Collection<Withdrawal> delivered = oldestPending.isEmpty()
                ? undelivered.values() : undelivered.headMap(oldestPending.getAsLong(), false).values();
        if (delivered.removeIf(withdrawal -> withdrawal.number() <= withdrawalsBefore)) distrust = folded();
    }

    /** Every remembered invalidation as one union: a key touched by any of them is touched by their union. */
    private Distrust folded() {
        if (undelivered.isEmpty()) return Distrust.NONE;
        Set<ModelId> models = new HashSet<>();
        Set<Category> categories = new HashSet<>();
        for (Withdrawal withdrawal : undelivered.values()) {
            models.addAll(withdrawal.invalidation().models());
            categories.addAll(withdrawal.invalidation().categories());
        }
        return new Distrust(false, new Invalidation(models, categories), List.of());
    }

    /** {@code number}: {@link #withdrawals} once it was counted. */
    private record Withdrawal(Invalidation invalidation, long number) {}

    /** The keys reads must not take from the cache: every key, or those touched by a union and by a few recent invalidations. */
    private record Distrust(boolean everyKey, Invalidation union, List<Invalidation> recent) {
        private static final Invalidation NOTHING = new Invalidation(Set.of(), Set.of());
        static final Distrust NONE = new Distrust(false, NOTHING, List.of());
        static final Distrust EVERY_KEY = new Distrust(true, NOTHING, List.of());

        boolean covers(CacheKey<?> key) {
            if (everyKey || key.touchedBy(union)) return true;
            for (Invalidation invalidation : recent) {
                if (key.touchedBy(invalidation)) return true;
            }
            return false;
        }

        Distrust with(Invalidation invalidation) {
            List<Invalidation> more = new ArrayList<>(recent);
            more.add(invalidation);
            return new Distrust(false, union, List.copyOf(more));
        }
    }
}
