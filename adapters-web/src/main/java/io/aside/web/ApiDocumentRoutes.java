package io.aside.web;

import io.javalin.config.RoutesConfig;

/**
 * The OpenAPI 3.1 document of this API, at {@code /openapi.json}: written by hand next to the routes
 * (the Javalin OpenAPI plugin exists for Javalin 6 only), and checked against them by a test. For
 * people, {@code /api} renders it: one page with its own script, nothing fetched from elsewhere, so it
 * works where the service runs offline.
 */
final class ApiDocumentRoutes {
    static final String DOCUMENT = "openapi.json";
    static final String PAGE = "api.html";

    private final byte[] document = WebResources.bytes(DOCUMENT);
    private final byte[] page = WebResources.bytes(PAGE);

    void register(RoutesConfig routes) {
        routes.get("/openapi.json", ctx -> ctx.contentType(JsonResponses.JSON).result(document));
        routes.get("/api", ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
    }
}
