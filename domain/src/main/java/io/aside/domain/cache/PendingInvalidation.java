package io.aside.domain.cache;

import java.util.Objects;

/**
 * An invalidation recorded in the outbox in the same transaction as its write, so it survives a
 * cache outage or a crash between commit and delivery; {@code id} names the outbox entry.
 */
public record PendingInvalidation(long id, Invalidation invalidation) {
    public PendingInvalidation {
        Objects.requireNonNull(invalidation, "invalidation");
    }
}
