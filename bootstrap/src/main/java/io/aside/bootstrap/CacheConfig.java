package io.aside.bootstrap;

import com.google.inject.Module;

/**
 * Which cache serves, told by the scheme of {@code ASIDE_CACHE_URL}: {@code memory:} or
 * {@code redis://}. Another kind (Redis Cluster, memcached) is its record here, the Guice module
 * that binds its {@code CachePort}, and one line in {@link #at}.
 */
public sealed interface CacheConfig permits InProcessCacheConfig, RedisCacheConfig {
    /** The cache at {@code url}; a kind takes from {@code options} what it uses. */
    static CacheConfig at(String url, CacheOptions options) {
        if (url.equals(InProcessCacheConfig.URL)) return new InProcessCacheConfig();
        if (url.startsWith(RedisCacheConfig.SCHEME)) return RedisCacheConfig.at(url, options);
        throw new IllegalArgumentException("must be '" + InProcessCacheConfig.URL + "' or redis://[:password@]host:port[/db]");
    }

    /** Whether every instance sees the same entries, so that a write on one reaches the readers of all. */
    boolean sharedAcrossInstances();

    /** The options this cache was made with, to make the same cache at another URL. */
    CacheOptions options();

    /** The wiring of this kind: it binds the {@code CachePort}. */
    Module module();
}
