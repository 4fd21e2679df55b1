package io.aside.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.aside.cache.CircuitBreakingCache;
import io.aside.cache.RedisCache;
import io.aside.cache.RedisSettings;
import io.aside.domain.port.CachePort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Redis, behind a circuit breaker so that a dead Redis costs nothing per request: reads fail open
 * to the database and the breaker probes for its return.
 */
final class RedisCacheModule extends AbstractModule {
    private final RedisSettings settings;

    RedisCacheModule(RedisCacheConfig config) {
        this.settings = config.settings();
    }

    @Provides @Singleton
    CachePort cache(Closer closer, MeterRegistry registry) {
        Counter newLives = Counter.builder("aside.cache.epoch.changes")
                .description("Times Redis was found in a new life (restarted or failed over): entries of earlier lives are ignored")
                .register(registry);
        RedisCache redis = closer.register(new RedisCache(settings, change -> newLives.increment()));
        CircuitBreakingCache breaker = new CircuitBreakingCache(redis);
        Gauge.builder("aside.cache.breaker.open", breaker, b -> b.isShedding() ? 1 : 0)
                .description("1 while the circuit breaker sheds Redis calls (open or probing), else 0")
                .register(registry);
        return breaker;
    }
}
