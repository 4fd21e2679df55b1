package io.aside.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.aside.cache.CircuitBreakerSettings;
import io.aside.cache.CircuitBreakingCache;
import io.aside.cache.MemcachedCache;
import io.aside.domain.port.CachePort;
import io.micrometer.core.instrument.Gauge;
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
        CircuitBreakingCache breaker = new CircuitBreakingCache(memcached, CircuitBreakerSettings.defaults(), memcached.shards());
        Gauge.builder("aside.cache.breaker.open", breaker, b -> b.isShedding() ? 1 : 0)
                .description("1 while a circuit breaker sheds memcached calls (a server's: open or probing), else 0")
                .register(registry);
        return breaker;
    }
}
