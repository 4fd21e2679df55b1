package io.aside.domain.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * An invalidation recorded in the outbox in the same transaction as its write, so it survives a
 * cache outage or a crash between commit and delivery; {@code id} names the outbox entry, and
 * {@code age} is how long ago it was recorded when it was read back (zero for a write's own, just
 * committed): what a relay adds to it until delivery is the invalidation's whole lag.
 */
public record PendingInvalidation(long id, Invalidation invalidation, Duration age) {
    public PendingInvalidation {
        Objects.requireNonNull(invalidation, "invalidation");
        Objects.requireNonNull(age, "age");
        if (age.isNegative()) age = Duration.ZERO;
    }

    /** A write's own entry, just recorded. */
    public PendingInvalidation(long id, Invalidation invalidation) {
        this(id, invalidation, Duration.ZERO);
    }

    /** The same entry read at another time is the same entry: its age is not part of what it is. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PendingInvalidation that && id == that.id && invalidation.equals(that.invalidation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, invalidation);
    }
}
