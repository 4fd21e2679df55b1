package io.aside.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.aside.application.CacheMetrics;
import io.aside.application.CreateModel;
import io.aside.application.DeleteModel;
import io.aside.application.GetModel;
import io.aside.application.HealthCheck;
import io.aside.application.ListModels;
import io.aside.application.UpdateModel;
import io.aside.web.MicrometerCacheMetrics;
import io.aside.web.WebServer;
import io.aside.web.WebSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The HTTP adapter and the metrics it serves. */
final class WebModule extends AbstractModule {
    @Provides @Singleton
    PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        return registry;
    }

    @Provides @Singleton
    MeterRegistry meterRegistry(PrometheusMeterRegistry registry) {
        return registry;
    }

    @Provides @Singleton
    CacheMetrics cacheMetrics(PrometheusMeterRegistry registry) {
        return new MicrometerCacheMetrics(registry);
    }

    @Provides @Singleton
    WebServer webServer(AsideConfig config, GetModel getModel, ListModels listModels, CreateModel createModel,
                        UpdateModel updateModel, DeleteModel deleteModel, HealthCheck healthCheck,
                        PrometheusMeterRegistry registry) {
        return new WebServer(WebSettings.onPort(config.port()), getModel, listModels, createModel, updateModel,
                deleteModel, healthCheck, registry);
    }
}
