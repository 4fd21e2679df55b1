package io.aside.cache;

import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Expires each slot at its own deadline. Caffeine counts every compute as an update, even one that
 * returns the slot unchanged; deriving the remaining time from the deadline means a refused fill
 * does not stretch someone else's lease.
 */
final class DeadlineExpiry implements Expiry<Object, MemorySlot> {
    @Override
    public long expireAfterCreate(Object key, MemorySlot slot, long currentTime) {
        return remaining(slot, currentTime);
    }

    @Override
    public long expireAfterUpdate(Object key, MemorySlot slot, long currentTime, long currentDuration) {
        return remaining(slot, currentTime);
    }

    @Override
    public long expireAfterRead(Object key, MemorySlot slot, long currentTime, long currentDuration) {
        return currentDuration;
    }

    private static long remaining(MemorySlot slot, long currentTime) {
        return Math.max(0, slot.deadline() - currentTime);
    }
}
