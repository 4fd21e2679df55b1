package io.aside.bootstrap;

import io.aside.cache.NearCacheSettings;
import io.aside.cache.RedisSettings;
import io.aside.domain.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * The cache variables besides the URL. A kind takes what it uses: Redis all of them, the in-process
 * cache none.
 *
 * @param namespace     the first segment of every key, so that deployments can share one server
 * @param timeout       how long a command may take; a cache that slow is treated as down
 * @param writeTimeout  how long the last attempt at delivering a committed write's invalidation waits
 * @param nearCacheSize bytes of the in-process tier in front of a remote cache; zero turns it off
 */
public record CacheOptions(String namespace, Duration timeout, Duration writeTimeout, ByteSize nearCacheSize) {
    /** Beyond this a cache is better skipped: reads fail open to the database instead. */
    public static final Duration LONGEST_TIMEOUT = Duration.ofSeconds(10);
    public static final CacheOptions DEFAULTS = new CacheOptions(RedisSettings.DEFAULT_NAMESPACE,
            RedisSettings.DEFAULT_COMMAND_TIMEOUT, RedisSettings.DEFAULT_WRITE_TIMEOUT, new ByteSize(NearCacheSettings.DEFAULT_MAX_BYTES));

    public CacheOptions {
        RedisSettings.requireNamespace(namespace);
        requireTimeout(timeout, "cache timeout");
        requireTimeout(writeTimeout, "cache write timeout");
        Objects.requireNonNull(nearCacheSize, "nearCacheSize");
    }

    /** Positive, at most {@link #LONGEST_TIMEOUT}; public so that the configuration names its variable. */
    public static Duration requireTimeout(Duration timeout, String what) {
        if (Checks.requirePositive(timeout, what).compareTo(LONGEST_TIMEOUT) > 0) {
            throw new IllegalArgumentException(what + " must be at most " + LONGEST_TIMEOUT + ": a cache that slow is better skipped, got " + timeout);
        }
        return timeout;
    }

    public CacheOptions withNamespace(String newNamespace) {
        return new CacheOptions(newNamespace, timeout, writeTimeout, nearCacheSize);
    }
}
