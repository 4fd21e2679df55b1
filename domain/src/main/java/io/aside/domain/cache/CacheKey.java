package io.aside.domain.cache;

import java.util.function.Function;

/**
 * A typed cache key: what is cached under it ({@code V}, given by its {@link #kind()}). How a key
 * is spelled in a store is the adapter's business.
 */
public sealed interface CacheKey<V> permits ModelKey, PageKey {
    EntryKind<V> kind();

    /** Whether a write with this invalidation changed what is cached under this key. */
    boolean touchedBy(Invalidation invalidation);

    /** Applies the function for this key's shape: an exhaustive choice, so a new kind of key cannot be forgotten. */
    <R> R match(Function<ModelKey, R> model, Function<PageKey, R> page);
}
