package io.aside.bootstrap;

import io.aside.cache.CacheShards;
import io.aside.cache.CircuitBreakerSettings;
import io.aside.cache.CircuitBreakingCache;
import io.aside.domain.port.CachePort;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** A remote cache behind a breaker per server, with the gauge operators alert on. */
final class CacheBreakers {
    private CacheBreakers() {}

    /** @param servers what the gauge's description calls the servers ("Redis", "memcached") */
    static CircuitBreakingCache guard(CachePort cache, CacheShards shards, String servers, MeterRegistry registry) {
        CircuitBreakingCache breaker = new CircuitBreakingCache(cache, CircuitBreakerSettings.defaults(), shards);
        Gauge.builder("aside.cache.breaker.open", breaker, b -> b.isShedding() ? 1 : 0)
                .description("1 while a circuit breaker sheds " + servers + " calls (a server's, or a cluster master's: open or probing), else 0")
                .register(registry);
        return breaker;
    }
}
