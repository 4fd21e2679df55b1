package io.aside.web;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;

import io.aside.application.CreateModel;
import io.aside.application.DeleteModel;
import io.aside.application.GetModel;
import io.aside.application.HealthCheck;
import io.aside.application.ListModels;
import io.aside.application.UpdateModel;
import io.aside.testing.ApiClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** One real server per test class, on a free port, in front of mocked use cases. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiTestBase {
    final GetModel getModel = mock(GetModel.class);
    final ListModels listModels = mock(ListModels.class);
    final CreateModel createModel = mock(CreateModel.class);
    final UpdateModel updateModel = mock(UpdateModel.class);
    final DeleteModel deleteModel = mock(DeleteModel.class);
    final HealthCheck healthCheck = mock(HealthCheck.class);
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WebServer server;
    ApiClient http;

    @BeforeAll
    void startServer() {
        server = new WebServer(WebSettings.onPort(0), getModel, listModels, createModel, updateModel, deleteModel,
                healthCheck, registry).start();
        http = new ApiClient(server.port());
    }

    @AfterAll
    void stopServer() {
        server.stop();
    }

    @BeforeEach
    void forgetCalls() {
        reset(getModel, listModels, createModel, updateModel, deleteModel, healthCheck);
    }
}
