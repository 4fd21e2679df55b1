package io.aside.bootstrap;

import com.google.inject.Module;

/**
 * Which cache serves, told by the scheme of {@code ASIDE_CACHE_URL}: {@code memory:},
 * {@code redis://}, {@code redis-cluster://} or {@code memcached://}. Another kind is its record here,
 * the Guice module that binds its {@code CachePort}, and one line in {@link #at}.
 */
public sealed interface CacheConfig permits InProcessCacheConfig, RedisCacheConfig, MemcachedCacheConfig {
    /** The cache at {@code url}; a kind takes from {@code options} what it uses. */
    static CacheConfig at(String url, CacheOptions options) {
        if (url.equals(InProcessCacheConfig.URL)) return new InProcessCacheConfig();
        if (url.startsWith(RedisCacheConfig.SCHEME) || url.startsWith(RedisCacheConfig.CLUSTER_SCHEME)) return RedisCacheConfig.at(url, options);
        if (url.startsWith(MemcachedCacheConfig.SCHEME)) return MemcachedCacheConfig.at(url, options);
        throw new IllegalArgumentException("must be '" + InProcessCacheConfig.URL
                + "', redis://[:password@]host:port[/db], redis-cluster://[:password@]host:port[,host:port…] or memcached://host:port[,host:port…]");
    }

    /** Whether every instance sees the same entries, so that a write on one reaches the readers of all. */
    boolean sharedAcrossInstances();

    /** The options this cache was made with, to make the same cache at another URL. */
    CacheOptions options();

    /** The kind's name for operators, as {@code aside_cache_info{kind}} shows it: its URL's scheme. */
    String kind();

    /** The wiring of this kind: it binds the {@code CachePort}. */
    Module module();
}
