package io.aside.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.aside.application.CreateModel;
import io.aside.application.DeleteModel;
import io.aside.application.GetModel;
import io.aside.application.HealthCheck;
import io.aside.application.ListModels;
import io.aside.application.UpdateModel;
import io.aside.web.WebServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The HTTP adapter; it serves the registry of {@link MetricsModule} at {@code /metrics}. */
final class WebModule extends AbstractModule {
    @Provides @Singleton
    WebServer webServer(AsideConfig config, GetModel getModel, ListModels listModels, CreateModel createModel,
                        UpdateModel updateModel, DeleteModel deleteModel, HealthCheck healthCheck,
                        PrometheusMeterRegistry registry) {
        return new WebServer(config.web(), getModel, listModels, createModel, updateModel, deleteModel, healthCheck, registry);
    }
}
