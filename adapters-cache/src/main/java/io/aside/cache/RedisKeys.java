package io.aside.cache;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.model.Category;

/**
 * The Redis key layout. The schema version ({@code v1}) is part of every key so that a deploy that
 * changes the cached shape reads none of the old bytes: bump it together with {@link JsonCodec}.
 */
final class RedisKeys {
    static final String SCHEMA = "v1";

    private final String prefix;

    RedisKeys(String namespace) {
        this.prefix = namespace + ":" + SCHEMA + ":";
    }

    /** {@code <namespace>:v1:model:42}, {@code <namespace>:v1:page:<fingerprint>:<generation>:<limit>}. */
    String entry(CacheKey<?> key) {
        return prefix + key.path();
    }

    /** {@code <namespace>:v1:life:<life tag>}: when clients first met that life of the server ({@link RedisEpoch}). */
    String life(String tag) {
        return prefix + "life:" + tag;
    }

    /** {@code <namespace>:v1:gen:<fingerprint>}: a category's current page generation. */
    String generation(Category category) {
        return prefix + "gen:" + category.fingerprint();
    }
}
