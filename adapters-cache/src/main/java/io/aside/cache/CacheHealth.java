package io.aside.cache;

/** How the cache looks to a health check: answering, or shed by the circuit breaker (reads go to the database). */
public enum CacheHealth {
    UP,
    DEGRADED
}
