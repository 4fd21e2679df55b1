package io.aside.application;

import io.aside.domain.model.ModelId;
import io.aside.domain.port.WriteResult;

/** Turns a write that did not happen into the exception the caller reports. */
final class WriteFailures {
    private WriteFailures() {}

    static RuntimeException toException(ModelId id, WriteResult result) {
        if (result instanceof WriteResult.VersionMismatch mismatch) {
            return new VersionConflictException(id, mismatch.expectedVersion(), mismatch.currentVersion());
        }
        if (result instanceof WriteResult.NotFound) return new ModelNotFoundException(id);
        throw new IllegalStateException("not a failed write: " + result);
    }
}
