package io.aside.web;

import java.util.Map;

/**
 * Ends a request with a problem document (and any extra response headers). Thrown by the routes
 * for HTTP-level refusals the domain knows nothing about: 413, 415, 412, 428, malformed JSON.
 * It is control flow, not a fault, so it records no stack trace.
 */
final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.status() + " " + problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    Problem problem() {
        return problem;
    }

    Map<String, String> headers() {
        return headers;
    }
}
