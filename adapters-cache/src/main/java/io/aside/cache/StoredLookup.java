package io.aside.cache;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.Lookup;

/** Reads what a lookup script returned (a tagged {@link StoredValue} of the current life) as a {@link Lookup}. */
final class StoredLookup {
    private StoredLookup() {}

    /** @param generation the generation the key was looked up in (pages), for a lease taken there */
    static <V> Lookup<V> of(CacheKey<V> key, String stored, long generation, String ourToken, EntryCodec<V> codec) {
        if (stored.equals(CacheScripts.FULL)) return new Lookup.Uncached<>();
        char tag = StoredValue.tag(stored);
        if (tag != StoredValue.LEASE) return new Lookup.Hit<>(codec.decode(tag, StoredValue.payload(stored)));
        return ourToken.equals(StoredValue.payload(stored))
                ? new Lookup.Leased<>(new Lease<>(key, ourToken, generation))
                : new Lookup.Busy<>();
    }
}
