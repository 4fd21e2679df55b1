package io.aside.cache;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.Lookup;

/** Reads what the lookup script returned (a tagged {@link StoredValue} of the current life) as a {@link Lookup}. */
final class StoredLookup {
    private StoredLookup() {}

    static <V> Lookup<V> of(CacheKey<V> key, String stored, String ourToken, JsonCodec codec) {
        if (stored.equals(CacheScripts.FULL)) return new Lookup.Uncached<>();
        return switch (StoredValue.tag(stored)) {
            case StoredValue.VALUE -> new Lookup.Hit<>(codec.decode(key, StoredValue.payload(stored)));
            case StoredValue.TOMBSTONE -> new Lookup.Absent<>();
            case StoredValue.LEASE -> ourToken.equals(StoredValue.payload(stored))
                    ? new Lookup.Leased<>(new Lease<>(key, ourToken))
                    : new Lookup.Busy<>();
            default -> throw new JsonCodec.UndecodableValueException(
                    new IllegalStateException("unknown tag in cached value"));
        };
    }
}
