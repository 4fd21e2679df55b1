package io.aside.domain.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How far the outbox is behind: how many invalidations wait in it and how long ago the oldest was
 * recorded, by the database's clock (the writers' clocks play no part).
 */
public record OutboxBacklog(long entries, Duration oldestAge) {
    public static final OutboxBacklog EMPTY = new OutboxBacklog(0, Duration.ZERO);

    public OutboxBacklog {
        Objects.requireNonNull(oldestAge, "oldestAge");
        if (entries < 0) throw new IllegalArgumentException("entries must not be negative");
        if (oldestAge.isNegative()) oldestAge = Duration.ZERO; // a clock step back must not show a negative age
    }
}
