package io.aside.bootstrap.faults;

import io.aside.bootstrap.AsideService;
import io.aside.cache.CircuitBreakingCache;

/** The circuit breaker the production wiring puts in front of Redis, read from the running service. */
public final class CacheBreaker {
    private final CircuitBreakingCache breaker;

    private CacheBreaker(CircuitBreakingCache breaker) {
        this.breaker = breaker;
    }

    public static CacheBreaker of(AsideService service) {
        return new CacheBreaker(service.instance(CircuitBreakingCache.class));
    }

    /** Open or half-open: calls are shed, or only a few probes reach Redis. */
    public boolean isShedding() {
        return breaker.isShedding();
    }
}
