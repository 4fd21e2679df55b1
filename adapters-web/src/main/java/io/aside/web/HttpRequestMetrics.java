package io.aside.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Times every request as {@code aside_http_server_requests_seconds{method,route,status}}. The route
 * is the template ("/models/{id}"), never the raw path, and unknown methods fold into OTHER, so a
 * client probing random URLs cannot create unbounded time series.
 */
final class HttpRequestMetrics {
    static final String NAME = "aside.http.server.requests";
    private static final String UNMATCHED = "UNMATCHED";
    /** A near-cache hit answers in about a tenth of a millisecond; a request waits at most its read deadline and some. */
    private static final Duration FASTEST = Duration.ofNanos(100_000);
    private static final Duration SLOWEST = Duration.ofSeconds(30);

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
                .publishPercentileHistogram() // buckets, so that p50 and p99 per route can be read from any interval (the dashboard does)
                .minimumExpectedValue(FASTEST)
                .maximumExpectedValue(SLOWEST)
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
