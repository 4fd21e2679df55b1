package io.aside.domain.port;

import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.model.Model;
import java.util.Optional;

/** The outcome of a conditional write. */
public sealed interface WriteResult {
    /**
     * The write committed, together with the invalidation it recorded in the outbox.
     * {@code after} is empty for a delete.
     */
    record Changed(Model before, Optional<Model> after, PendingInvalidation invalidation) implements WriteResult {}

    record NotFound() implements WriteResult {}

    /** Nothing was written: the stored version is {@code currentVersion}, not the one expected. */
    record VersionMismatch(long currentVersion) implements WriteResult {}
}
