package io.aside.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.aside.cache.MemcachedCache;
import io.aside.domain.port.CachePort;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * memcached, behind a breaker per server: a dead server sheds the calls for its keys only, and
 * reads of its share fail open to the database. No near cache (see {@link MemcachedCacheConfig}).
 */
final class MemcachedCacheModule extends AbstractModule {
    private final MemcachedCacheConfig config;

    MemcachedCacheModule(MemcachedCacheConfig config) {
        this.config = config;
    }

    @Provides @Singleton
    MemcachedCache memcached(Closer closer) {
        return closer.register(new MemcachedCache(config.settings()));
    }

    @Provides @Singleton
    CachePort cache(MemcachedCache memcached, MeterRegistry registry) {
        return CacheBreakers.guard(memcached, memcached.shards(), "memcached", registry);
    }
}
