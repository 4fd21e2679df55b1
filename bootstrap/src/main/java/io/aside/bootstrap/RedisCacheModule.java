package io.aside.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.aside.cache.CircuitBreakingCache;
import io.aside.cache.NearCache;
import io.aside.cache.NearCacheSettings;
import io.aside.cache.RedisCache;
import io.aside.domain.port.CachePort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Redis, behind a circuit breaker so that a dead Redis costs nothing per request: reads fail open
 * to the database and the breaker probes for its return. In front of both, unless its size is 0,
 * the near cache: hot entries from this instance's memory, strict across instances (DESIGN §3.3).
 */
final class RedisCacheModule extends AbstractModule {
    private final RedisCacheConfig config;

    RedisCacheModule(RedisCacheConfig config) {
        this.config = config;
    }

    @Provides @Singleton
    RedisCache redis(Closer closer, MeterRegistry registry) {
        Counter newLives = Counter.builder("aside.cache.epoch.changes")
                .description("Times Redis was found in a new life (restarted or failed over): entries of earlier lives are ignored")
                .register(registry);
        return closer.register(new RedisCache(config.settings(), change -> newLives.increment()));
    }

    @Provides @Singleton
    CircuitBreakingCache breaker(RedisCache redis, MeterRegistry registry) {
        return CacheBreakers.guard(redis, redis.shards(), "Redis", registry);
    }

    @Provides @Singleton
    CachePort cache(RedisCache redis, CircuitBreakingCache breaker, Closer closer, MeterRegistry registry) {
        if (config.nearCacheSize().bytes() == 0) return breaker;
        NearCacheMeters meters = new NearCacheMeters(registry);
        NearCache near = closer.register(redis.withNearCache(breaker, NearCacheSettings.ofSize(config.nearCacheSize().bytes()), meters));
        meters.watch(near);
        return near;
    }
}
