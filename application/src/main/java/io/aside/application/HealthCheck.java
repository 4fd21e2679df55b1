package io.aside.application;

import io.aside.domain.port.CachePort;
import io.aside.domain.port.ModelRepository;

/**
 * The service's health: DOWN only when the database is unreachable. A dead cache makes it
 * DEGRADED, not DOWN — reads fail open to the database, so the service still answers.
 */
public final class HealthCheck {
    public enum Status { UP, DEGRADED, DOWN }

    public record Report(Status status, boolean databaseUp, boolean cacheUp) {}

    private final ModelRepository repository;
    private final CachePort cache;

    public HealthCheck(ModelRepository repository, CachePort cache) {
        this.repository = repository;
        this.cache = cache;
    }

    public Report check() {
        boolean db = answers(repository::ping);
        boolean cacheUp = answers(cache::ping);
        Status status = !db ? Status.DOWN : cacheUp ? Status.UP : Status.DEGRADED;
        return new Report(status, db, cacheUp);
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
