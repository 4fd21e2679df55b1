package io.aside.domain.cache;

import java.util.Objects;

/**
 * What the system of record holds for a key that may name nothing: the value, or its absence.
 * Absence is cached too (a tombstone), briefly, so a burst of reads of a missing id costs one query.
 */
public sealed interface Presence<V> {
    record Present<V>(V value) implements Presence<V> {
        public Present {
            Objects.requireNonNull(value, "value");
        }
    }

    record Absent<V>() implements Presence<V> {}

    static <V> Presence<V> of(V value) {
        return new Present<>(value);
    }

    static <V> Presence<V> absent() {
        return new Absent<>();
    }
}
