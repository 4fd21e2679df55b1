package io.aside.bootstrap.faults;

import io.aside.bootstrap.AsideService;
import io.aside.cache.CircuitBreakingCache;
import io.aside.domain.port.CachePort;

/** The circuit breaker the production wiring puts in front of Redis, read from the running service. */
public final class CacheBreaker {
    private final CircuitBreakingCache breaker;

    private CacheBreaker(CircuitBreakingCache breaker) {
        this.breaker = breaker;
    }

    public static CacheBreaker of(AsideService service) {
        CachePort cache = service.instance(CachePort.class);
        if (!(cache instanceof CircuitBreakingCache breaking)) {
            throw new IllegalStateException("the Redis cache is not behind a circuit breaker: " + cache.getClass());
        }
        return new CacheBreaker(breaking);
    }

    /** Open or half-open: calls are shed, or only a few probes reach Redis. */
    public boolean isOpen() {
        return breaker.isShedding();
    }
}
