package io.aside.domain.cache;

/** What a cache lookup found. */
public sealed interface Lookup<V> {
    /** A cached entry (for a model, possibly a tombstone: {@link Presence.Absent}). */
    record Hit<V>(V value) implements Lookup<V> {}

    /** A miss, and the caller now holds the lease to load and fill it. */
    record Leased<V>(Lease<V> lease) implements Lookup<V> {}

    /** A miss while another caller holds the lease: its fill should arrive shortly. */
    record Busy<V>() implements Lookup<V> {}

    /** A miss the cache cannot take a lease for (it is out of memory): load, and do not fill. */
    record Uncached<V>() implements Lookup<V> {}
}
