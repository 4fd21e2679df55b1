package io.aside.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3.1 document of this API, at {@code /openapi.json}: written by hand next to the routes
 * (the Javalin OpenAPI plugin exists for Javalin 6 only), and checked against them by a test.
 */
final class ApiDocumentRoutes {
    static final String DOCUMENT = "openapi.json";

    private final byte[] document = load();

    void register(RoutesConfig routes) {
        routes.get("/openapi.json", this::document);
    }

    private void document(Context ctx) {
        ctx.contentType(JsonResponses.JSON).result(document);
    }

    static byte[] load() {
        try (InputStream in = ApiDocumentRoutes.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) throw new IllegalStateException(DOCUMENT + " is missing from the classpath");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
