package io.aside.domain.cache;

import java.util.Objects;

/**
 * The right to fill {@code key}, held until it expires or the key is invalidated.
 *
 * @param generation for a page, the category generation the lease was taken in: the fill files the
 *                   page under it, so a page loaded before a write can never land in the generation
 *                   after it. Models are not filed by generation: 0.
 */
public record Lease<V>(CacheKey<V> key, String token, long generation) {
    public Lease {
        Objects.requireNonNull(key, "key");
        if (token == null || token.isEmpty()) throw new IllegalArgumentException("a lease needs a token");
    }
}
