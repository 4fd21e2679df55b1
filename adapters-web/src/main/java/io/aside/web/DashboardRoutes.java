package io.aside.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The live dashboard at {@code /dashboard} ({@code /} redirects to it, query and all): one page whose script polls
 * {@code /metrics} and {@code /health} and charts them with uPlot. Every file it needs is served
 * from here (uPlot from its webjar on the classpath), and its content security policy lets it load
 * nothing from elsewhere: it works where the service runs offline.
 */
final class DashboardRoutes {
    static final String PATH = "/dashboard";
    /** Same origin only; uPlot sizes its elements with inline styles, and the page's icon is a data URL. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/" + webjarVersion("uplot") + "/dist/";

    private record Asset(String contentType, byte[] bytes) {}

    private final byte[] page = WebResources.bytes("dashboard.html");
    private final Map<String, Asset> assets = Map.of(
            "dashboard.js", new Asset("text/javascript; charset=utf-8", WebResources.bytes("dashboard.js")),
            "dashboard.css", new Asset("text/css; charset=utf-8", WebResources.bytes("dashboard.css")),
            "uPlot.iife.min.js", new Asset("text/javascript; charset=utf-8", WebResources.bytes(UPLOT + "uPlot.iife.min.js")),
            "uPlot.min.css", new Asset("text/css; charset=utf-8", WebResources.bytes(UPLOT + "uPlot.min.css")));

    void register(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.redirect(PATH + (ctx.queryString() == null ? "" : "?" + ctx.queryString()), HttpStatus.FOUND));
        routes.get(PATH, ctx -> ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .contentType("text/html; charset=utf-8").result(page));
        routes.get(PATH + "/{asset}", this::asset);
    }

    private void asset(Context ctx) {
        Asset asset = assets.get(ctx.pathParam("asset"));
        if (asset == null) throw new NotFoundResponse();
        ctx.contentType(asset.contentType()).result(asset.bytes());
    }

    /** The version Maven resolved, from the webjar's own metadata: the pom names it once. */
    private static String webjarVersion(String artifact) {
        String metadata = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = DashboardRoutes.class.getResourceAsStream(metadata)) {
            if (in == null) throw new IllegalStateException("the " + artifact + " webjar is missing from the classpath");
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
