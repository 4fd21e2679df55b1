package io.aside.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aside.domain.model.FieldError;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Set;

/**
 * An RFC 9457 problem document. {@code type} is a stable URI clients can switch on; "about:blank"
 * means the status code says it all. {@code errors} lists broken fields and is left out when empty.
 */
record Problem(String type, String title, int status, String detail,
               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors) {
    private static final String TYPES = "https://aside.dev/problems/";
    private static final String BLANK = "about:blank";
    private static final String VALIDATION = TYPES + "validation";
    private static final String MALFORMED_BODY = TYPES + "malformed-body";
    private static final String VERSION_CONFLICT = TYPES + "version-conflict";
    private static final String PRECONDITION_FAILED = TYPES + "precondition-failed";
    private static final String PRECONDITION_REQUIRED = TYPES + "precondition-required";
    private static final String UNAVAILABLE = TYPES + "unavailable";
    private static final String WRITE_OUTCOME_UNKNOWN = TYPES + "write-outcome-unknown";

    /** Every type a problem of this API may have: what the API document lists. */
    static Set<String> knownTypes() {
        return Set.of(BLANK, VALIDATION, MALFORMED_BODY, VERSION_CONFLICT, PRECONDITION_FAILED, PRECONDITION_REQUIRED, UNAVAILABLE, WRITE_OUTCOME_UNKNOWN);
    }

    Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A problem fully described by its status code. */
    static Problem ofStatus(int status, String detail) {
        return new Problem(BLANK, reason(status), status, detail, List.of());
    }

    static Problem validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + " " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new Problem(VALIDATION, "Invalid request", 400, detail, errors);
    }

    static Problem malformedBody(String detail) {
        return new Problem(MALFORMED_BODY, "Malformed request body", 400, detail, List.of());
    }

    static Problem versionConflict(String detail) {
        return new Problem(VERSION_CONFLICT, "Version conflict", 409, detail, List.of());
    }

    static Problem preconditionFailed(String detail) {
        return new Problem(PRECONDITION_FAILED, "Precondition failed", 412, detail, List.of());
    }

    static Problem preconditionRequired(String detail, List<FieldError> errors) {
        return new Problem(PRECONDITION_REQUIRED, "Version required", 428, detail, errors);
    }

    static Problem unavailable(String detail) {
        return new Problem(UNAVAILABLE, "Service unavailable", 503, detail, List.of());
    }

    /** A write whose commit may or may not have happened: unlike {@link #unavailable}, it is not "nothing changed". */
    static Problem outcomeUnknown(String detail) {
        return new Problem(WRITE_OUTCOME_UNKNOWN, "Write outcome unknown", 503, detail, List.of());
    }

    private static String reason(int status) {
        String message = HttpStatus.forStatus(status).getMessage();
        return message.isEmpty() || status != HttpStatus.forStatus(status).getCode() ? "HTTP " + status : message;
    }
}
