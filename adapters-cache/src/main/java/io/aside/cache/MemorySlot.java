package io.aside.cache;

/**
 * What the in-process cache holds under a key: a value (a tombstone is a value too), or a lease.
 * Each slot carries its own deadline (ticker nanos), so a compute that keeps a slot also keeps its expiry.
 */
sealed interface MemorySlot {
    long deadline();

    record Value(Object value, long deadline) implements MemorySlot {}

    record LeaseHold(String token, long deadline) implements MemorySlot {}
}
