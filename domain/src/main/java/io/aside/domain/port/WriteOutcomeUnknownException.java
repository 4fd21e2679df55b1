package io.aside.domain.port;

import io.aside.domain.cache.PendingInvalidation;
import java.util.Objects;

/**
 * The database connection was lost while the write was committing: the change may or may not have
 * been applied, and nobody can tell until the row is read again. The invalidation the write recorded
 * comes with it, so the caller can deliver it anyway: if the write did commit, the cache must not
 * keep what it replaced (delivering an invalidation for a write that did not happen is harmless).
 */
public final class WriteOutcomeUnknownException extends RuntimeException {
    private final transient PendingInvalidation invalidation;

    public WriteOutcomeUnknownException(String message, PendingInvalidation invalidation, Throwable cause) {
        super(message, cause);
        this.invalidation = Objects.requireNonNull(invalidation, "invalidation");
    }

    /** What the write would have made stale, under the outbox id it was recorded with. */
    public PendingInvalidation invalidation() {
        return invalidation;
    }
}
