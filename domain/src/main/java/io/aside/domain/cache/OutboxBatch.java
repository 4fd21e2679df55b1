package io.aside.domain.cache;

import java.util.List;

/**
 * One read of the outbox: the entries to deliver, oldest first, and how many rows this read found
 * unreadable and set aside (they are no longer pending, and an operator should look at them).
 */
public record OutboxBatch(List<PendingInvalidation> entries, int setAside) {
    public OutboxBatch {
        entries = List.copyOf(entries);
        if (setAside < 0) throw new IllegalArgumentException("setAside must not be negative");
    }

    public static OutboxBatch of(List<PendingInvalidation> entries) {
        return new OutboxBatch(entries, 0);
    }
}
