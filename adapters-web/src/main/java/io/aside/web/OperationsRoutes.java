package io.aside.web;

import io.aside.application.HealthCheck;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/** What operators and load balancers call: /health and /metrics. */
final class OperationsRoutes {
    /** The Prometheus text exposition format that {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HealthCheck healthCheck;
    private final PrometheusMeterRegistry registry;
    private final JsonResponses responses;

    OperationsRoutes(HealthCheck healthCheck, PrometheusMeterRegistry registry, JsonResponses responses) {
        this.healthCheck = healthCheck;
        this.registry = registry;
        this.responses = responses;
    }

    void register(RoutesConfig routes) {
        routes.get("/health", this::health);
        routes.get("/metrics", this::metrics);
    }

    /** 503 only when the database is down: a dead cache degrades the service but it still answers. */
    private void health(Context ctx) {
        HealthCheck.Report report = healthCheck.check();
        responses.send(ctx, report.status() == HealthCheck.Status.DOWN ? 503 : 200, HealthView.of(report));
    }

    private void metrics(Context ctx) {
        ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape().getBytes(StandardCharsets.UTF_8));
    }
}
