package io.aside.domain.cache;

/**
 * A typed cache key: what is cached under it ({@code V}) and a key-safe path. Implementations add
 * their own namespace and schema version in front of {@link #path()}.
 */
public sealed interface CacheKey<V> permits ModelKey, PageKey {
    String path();
}
