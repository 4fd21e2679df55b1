package io.aside.domain.port;

import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.model.Model;

/** The outcome of a conditional write: committed as an update or a delete, or refused. */
public sealed interface WriteResult {
    /** The update committed, together with the invalidation it recorded in the outbox. */
    record Updated(Model before, Model after, PendingInvalidation invalidation) implements WriteResult {}

    /** The delete committed; {@code before} is the row it removed. */
    record Deleted(Model before, PendingInvalidation invalidation) implements WriteResult {}

    record NotFound() implements WriteResult {}

    /** Nothing was written: the stored version is {@code currentVersion}, not the {@code expectedVersion} required. */
    record VersionMismatch(long expectedVersion, long currentVersion) implements WriteResult {}
}
