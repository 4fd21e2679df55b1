package io.aside.domain.cache;

import java.util.Objects;

/** The right to fill {@code key}, held until it expires or the key is invalidated. */
public record Lease<V>(CacheKey<V> key, String token) {
    public Lease {
        Objects.requireNonNull(key, "key");
        if (token == null || token.isEmpty()) throw new IllegalArgumentException("a lease needs a token");
    }
}
