package io.aside.web;

import io.aside.application.ModelNotFoundException;
import io.aside.application.VersionConflictException;
import io.aside.domain.model.ValidationException;
import io.aside.domain.port.RepositoryUnavailableException;
import io.aside.domain.port.WriteOutcomeUnknownException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every exception that can leave a route to a problem document. Bad input is always a 4xx;
 * only a fault of ours is a 500, and that one is logged (once, with its stack trace) and answered
 * with a generic detail so no internals leak to clients.
 */
final class ProblemHandlers {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandlers.class);
    /** Seconds a client should wait before retrying while the database is unreachable. */
    private static final String RETRY_AFTER_SECONDS = "1";

    private final JsonResponses responses;

    ProblemHandlers(JsonResponses responses) {
        this.responses = responses;
    }

    void register(RoutesConfig routes) {
        routes.exception(ProblemException.class, (e, ctx) -> send(ctx, e.problem(), e.headers()));
        routes.exception(ValidationException.class, (e, ctx) -> send(ctx, Problem.validation(e.errors())));
        routes.exception(ModelNotFoundException.class, (e, ctx) -> send(ctx, Problem.ofStatus(404, e.getMessage())));
        // Routes turn conflicts into 409/412 themselves; this is the safety net for any other caller.
        routes.exception(VersionConflictException.class, (e, ctx) -> send(ctx, Problem.versionConflict(e.getMessage())));
        routes.exception(RepositoryUnavailableException.class, (e, ctx) -> send(ctx,
                Problem.unavailable("The database is unavailable; nothing was changed. Retry shortly."),
                Map.of(Header.RETRY_AFTER, RETRY_AFTER_SECONDS)));
        routes.exception(WriteOutcomeUnknownException.class, (e, ctx) -> send(ctx, Problem.outcomeUnknown(
                "The database connection was lost while the change was being committed: it may or may not have been applied. "
                        + "Read the model (its version tells) before retrying.")));
        routes.exception(HttpResponseException.class, this::fromJavalin);
        routes.exception(Exception.class, this::unexpected);
    }

    /** Javalin's own refusals: unknown path (404), wrong method (405), oversized body (413). */
    private void fromJavalin(HttpResponseException e, Context ctx) {
        String detail = e.getStatus() == 404 ? "No resource at " + ctx.method().name() + " " + ctx.path() : e.getMessage();
        if (e instanceof MethodNotAllowedResponse) {
            String allowed = e.getDetails().getOrDefault("availableMethods", e.getDetails().get("Available methods"));
            if (allowed != null) ctx.header(Header.ALLOW, allowed);
            detail = ctx.method().name() + " is not supported here" + (allowed == null ? "" : "; use " + allowed);
        }
        send(ctx, Problem.ofStatus(e.getStatus(), detail));
    }

    private void unexpected(Exception e, Context ctx) {
        log.error("Unhandled error serving {} {}", ctx.method().name(), ctx.path(), e);
        send(ctx, Problem.ofStatus(500, "An unexpected error occurred; it has been logged."));
    }

    private void send(Context ctx, Problem problem) {
        send(ctx, problem, Map.of());
    }

    private void send(Context ctx, Problem problem, Map<String, String> headers) {
        headers.forEach(ctx::header);
        responses.send(ctx, problem.status(), JsonResponses.PROBLEM_JSON, problem);
    }
}
