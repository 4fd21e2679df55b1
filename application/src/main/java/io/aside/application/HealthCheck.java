package io.aside.application;

import io.aside.domain.port.CachePort;
import io.aside.domain.port.ModelRepository;

/**
 * The service's health: DOWN only when the database is unreachable. A dead cache makes it
 * DEGRADED, not DOWN — reads fail open to the database, so the service still answers — and so does
 * a cache this instance does not trust for some keys yet (an invalidation that touches them is waiting
 * in the outbox), since their reads then go to the database.
 */
public final class HealthCheck {
    public enum Status { UP, DEGRADED, DOWN }

    /**
     * {@code cacheTrusted}: reads of every key use the cache; false while an undelivered invalidation
     * makes reads of the keys it touched skip it, however few ({@link CacheTrust#isTrusted()}).
     */
    public record Report(Status status, boolean databaseUp, boolean cacheUp, boolean cacheTrusted) {}

    private final ModelRepository repository;
    private final CachePort cache;
    private final CacheTrust trust;

    public HealthCheck(ModelRepository repository, CachePort cache, CacheTrust trust) {
        this.repository = repository;
        this.cache = cache;
        this.trust = trust;
    }

    public Report check() {
        boolean db = answers(repository::ping);
        boolean cacheUp = answers(cache::ping);
        boolean trusted = trust.isTrusted();
        Status status = !db ? Status.DOWN : cacheUp && trusted ? Status.UP : Status.DEGRADED;
        return new Report(status, db, cacheUp, trusted);
    }

    private static boolean answers(Runnable ping) {
        try {
            ping.run();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
