package io.aside.application;

import java.util.Optional;

/** A value read through the cache, and whether the cache answered (a hit) or the database did. */
public record Read<V>(Optional<V> value, boolean fromCache) {
    static <V> Read<V> cached(Optional<V> value) {
        return new Read<>(value, true);
    }

    static <V> Read<V> loaded(Optional<V> value) {
        return new Read<>(value, false);
    }
}
