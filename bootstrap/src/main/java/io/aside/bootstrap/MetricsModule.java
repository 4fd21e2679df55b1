package io.aside.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.aside.application.CacheMetrics;
import io.aside.application.CacheTrust;
import io.aside.application.OutboxRelay;
import io.aside.application.StaleBound;
import io.aside.metrics.MicrometerCacheMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The one meter registry every adapter records into (the web adapter serves it as Prometheus
 * text), and the cache protocol's metrics on it. Apart from the web module so that any wiring that
 * needs meters, the Redis cache's say, has them without an HTTP server.
 */
final class MetricsModule extends AbstractModule {
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
    CacheMetrics cacheMetrics(MeterRegistry registry) {
        return new MicrometerCacheMetrics(registry);
    }

    /** Made eagerly (the injector runs in production stage): the gauges exist before the first scrape. */
    @Provides @Singleton
    ConsistencyMeters consistencyMeters(MeterRegistry registry, AsideConfig config, StaleBound bound, OutboxRelay relay, CacheTrust trust) {
        return new ConsistencyMeters(registry, config.cache().kind(), bound, relay, trust);
    }
}
