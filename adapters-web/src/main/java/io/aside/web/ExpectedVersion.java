package io.aside.web;

import io.aside.application.VersionConflictException;
import io.aside.domain.model.FieldError;
import io.aside.domain.model.ValidationException;
import java.util.List;
import java.util.OptionalLong;

/**
 * The version an update is conditional on, and where the client put it. That decides the answer to
 * a mismatch: a failed If-Match is 412 Precondition Failed (RFC 9110 §13.1.1), a stale version in the
 * body is 409 Conflict.
 */
record ExpectedVersion(long value, boolean fromIfMatch) {

    /**
     * Both places may carry it, and then they must agree. Neither is 428 Precondition Required
     * (RFC 6585 §3): updates are always conditional, so no client can overwrite a change it never saw;
     * the problem still names the {@code version} field so a client knows what to add.
     */
    static ExpectedVersion resolve(OptionalLong inBody, OptionalLong inIfMatch) {
        if (inBody.isPresent() && inIfMatch.isPresent() && inBody.getAsLong() != inIfMatch.getAsLong()) {
            throw ValidationException.of("version", "is " + inBody.getAsLong() + " but If-Match says " + inIfMatch.getAsLong());
        }
        if (inIfMatch.isPresent()) return new ExpectedVersion(inIfMatch.getAsLong(), true);
        if (inBody.isPresent()) return new ExpectedVersion(inBody.getAsLong(), false);
        throw new ProblemException(Problem.preconditionRequired(
                "An update must say which version it replaces: send the ETag in If-Match or a version in the body",
                List.of(new FieldError("version", "is required (or an If-Match header)"))));
    }

    ProblemException mismatch(VersionConflictException conflict) {
        return new ProblemException(fromIfMatch
                ? Problem.preconditionFailed(conflict.getMessage())
                : Problem.versionConflict(conflict.getMessage()));
    }
}
