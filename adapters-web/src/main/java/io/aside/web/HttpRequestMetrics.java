package io.aside.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Times every request as {@code aside_http_server_requests_seconds{method,route,status}}. The route
 * is the template ("/models/{id}"), never the raw path, and unknown methods fold into OTHER, so a
 * client probing random URLs cannot create unbounded time series.
 */
final class HttpRequestMetrics {
    static final String NAME = "aside.http.server.requests";
    private static final String UNMATCHED = "UNMATCHED";

    private final MeterRegistry registry;

    HttpRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A Javalin request logger: called once per request, after the response is written. */
    void record(Context ctx, Float executionMillis) {
        Timer.builder(NAME)
                .description("HTTP requests served, by route template, method and status")
                .tag("method", method(ctx))
                .tag("route", route(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(registry)
                .record((long) (executionMillis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    private static String method(Context ctx) {
        HandlerType method = ctx.method();
        return HandlerType.commonHttp().contains(method) ? method.name() : "OTHER";
    }

    private static String route(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null || endpoint.path.isEmpty() ? UNMATCHED : endpoint.path;
    }
}
