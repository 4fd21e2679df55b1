package io.aside.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aside.application.CreateModel;
import io.aside.application.DeleteModel;
import io.aside.application.GetModel;
import io.aside.application.HealthCheck;
import io.aside.application.ListModels;
import io.aside.application.UpdateModel;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The HTTP adapter: the API of DESIGN §5 on an embedded Javalin (Jetty) server.
 * Create it, {@link #start()} it, and {@link #stop()} it to drain in-flight requests.
 */
public final class WebServer implements AutoCloseable {
    private final Javalin app;

    public WebServer(WebSettings settings, GetModel getModel, ListModels listModels, CreateModel createModel,
                     UpdateModel updateModel, DeleteModel deleteModel, HealthCheck healthCheck,
                     PrometheusMeterRegistry registry) {
        ObjectMapper mapper = Json.mapper();
        JsonResponses responses = new JsonResponses(mapper);
        JsonRequestBody bodies = new JsonRequestBody(mapper, settings.maxRequestBytes());
        ModelRoutes models = new ModelRoutes(getModel, listModels, createModel, updateModel, deleteModel, bodies, responses);
        OperationsRoutes operations = new OperationsRoutes(healthCheck, registry, responses);
        ProblemHandlers problems = new ProblemHandlers(responses);
        HttpRequestMetrics requestMetrics = new HttpRequestMetrics(registry);

        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.startupWatcherEnabled = false;
            config.jetty.port = settings.port();
            config.http.maxRequestSize = settings.maxRequestBytes();
            config.http.prefer405over404 = true; // a known path with the wrong method is 405 + Allow, not 404
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.requestLogger.http(requestMetrics::record);
            config.jetty.modifyServer(server -> drainOnStop(server, settings));
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblemErrorHandler(mapper)));
            config.routes.before(MethodOverrideGuard::refuse);
            models.register(config.routes);
            operations.register(config.routes);
            new ApiDocumentRoutes().register(config.routes);
            new DashboardRoutes().register(config.routes);
            problems.register(config.routes);
        });
    }

    /**
     * Every route this server answers, as {@code "GET /models/{id}"} (before and after filters left
     * out): what the API document must describe, no more and no less.
     */
    public Set<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Binds the port and starts serving; returns this for chaining. */
    public WebServer start() {
        app.start();
        return this;
    }

    /** The bound port: the real one when the settings asked for port 0. Valid after {@link #start()}. */
    public int port() {
        return app.port();
    }

    /**
     * Stops accepting connections, lets requests already being served finish (up to the drain
     * timeout), then stops the server.
     */
    public void stop() {
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /*
     * Jetty stops gracefully only when a Graceful handler tracks in-flight requests and the server has a
     * stop timeout: then Server.stop() closes the connectors first and waits for the handler to drain.
     */
    private static void drainOnStop(Server server, WebSettings settings) {
        server.insertHandler(new GracefulHandler());
        server.setStopTimeout(settings.drainTimeout().toMillis());
    }
}
