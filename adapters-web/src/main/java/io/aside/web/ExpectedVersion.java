package io.aside.web;

import io.aside.application.VersionConflictException;
import io.aside.domain.model.FieldError;
import io.aside.domain.model.ValidationException;
import io.aside.domain.model.VersionPrecondition;
import java.util.List;

/**
 * The version an update is conditional on, and where the client put it. That decides the answer to
 * a mismatch: a failed If-Match is 412 Precondition Failed (RFC 9110 §13.1.1), a stale version in the
 * body is 409 Conflict.
 */
sealed interface ExpectedVersion {
    long value();

    ProblemException mismatch(VersionConflictException conflict);

    record InIfMatch(long value) implements ExpectedVersion {
        @Override
        public ProblemException mismatch(VersionConflictException conflict) {
            return new ProblemException(Problem.preconditionFailed(conflict.getMessage()));
        }
    }

    record InBody(long value) implements ExpectedVersion {
        @Override
        public ProblemException mismatch(VersionConflictException conflict) {
            return new ProblemException(Problem.versionConflict(conflict.getMessage()));
        }
    }

    /**
     * Both places may carry it, and then they must agree. Neither is 428 Precondition Required
     * (RFC 6585 §3): updates are always conditional, so no client can overwrite a change it never saw;
     * the problem still names the {@code version} field so a client knows what to add.
     */
    static ExpectedVersion resolve(VersionPrecondition inBody, VersionPrecondition inIfMatch) {
        if (inBody instanceof VersionPrecondition.Exactly body && inIfMatch instanceof VersionPrecondition.Exactly ifMatch
                && body.version() != ifMatch.version()) {
            throw ValidationException.of("version", "is " + body.version() + " but If-Match says " + ifMatch.version());
        }
        if (inIfMatch instanceof VersionPrecondition.Exactly ifMatch) return new InIfMatch(ifMatch.version());
        if (inBody instanceof VersionPrecondition.Exactly body) return new InBody(body.version());
        throw new ProblemException(Problem.preconditionRequired(
                "An update must say which version it replaces: send the ETag in If-Match or a version in the body",
                List.of(new FieldError("version", "is required (or an If-Match header)"))));
    }
}
