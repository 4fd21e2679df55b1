package io.aside.domain.cache;

import io.aside.domain.model.Model;

/**
 * What kind of entry a {@link CacheKey} names, and so what is cached under it ({@code V}): adapters
 * pick a codec and metrics pick a label by kind, never by testing the key's class.
 */
public final class EntryKind<V> {
    /** One model, or the fact that there is none (a tombstone). */
    public static final EntryKind<Presence<Model>> MODEL = new EntryKind<>("model");
    /** The first models of a category. */
    public static final EntryKind<ModelPage> PAGE = new EntryKind<>("page");

    private final String name;

    private EntryKind(String name) {
        this.name = name;
    }

    /** "model" or "page": a metric label and a key segment. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
