package io.aside.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aside.domain.model.FieldError;
import io.javalin.http.HttpStatus;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code type} is a stable URI clients can switch on; "about:blank"
 * means the status code says it all. {@code errors} lists broken fields and is left out when empty.
 */
record Problem(String type, String title, int status, String detail,
               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors) {
    private static final String TYPES = "https://aside.dev/problems/";

    Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A problem fully described by its status code. */
    static Problem ofStatus(int status, String detail) {
        return new Problem("about:blank", reason(status), status, detail, List.of());
    }

    static Problem validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + " " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new Problem(TYPES + "validation", "Invalid request", 400, detail, errors);
    }

    static Problem malformedBody(String detail) {
        return new Problem(TYPES + "malformed-body", "Malformed request body", 400, detail, List.of());
    }

    static Problem versionConflict(String detail) {
        return new Problem(TYPES + "version-conflict", "Version conflict", 409, detail, List.of());
    }

    static Problem preconditionFailed(String detail) {
        return new Problem(TYPES + "precondition-failed", "Precondition failed", 412, detail, List.of());
    }

    static Problem preconditionRequired(String detail, List<FieldError> errors) {
        return new Problem(TYPES + "precondition-required", "Version required", 428, detail, errors);
    }

    static Problem unavailable(String detail) {
        return new Problem(TYPES + "unavailable", "Service unavailable", 503, detail, List.of());
    }

    /** A write whose commit may or may not have happened: unlike {@link #unavailable}, it is not "nothing changed". */
    static Problem outcomeUnknown(String detail) {
        return new Problem(TYPES + "write-outcome-unknown", "Write outcome unknown", 503, detail, List.of());
    }

    private static String reason(int status) {
        String message = HttpStatus.forStatus(status).getMessage();
        return message.isEmpty() || status != HttpStatus.forStatus(status).getCode() ? "HTTP " + status : message;
    }
}
