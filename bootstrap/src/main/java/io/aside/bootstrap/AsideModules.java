package io.aside.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import java.util.List;

/** Assembles the wiring for a configuration: the only place where the environment decides it (the cache's kind brings its module). */
final class AsideModules {
    private AsideModules() {}

    static List<Module> forConfig(AsideConfig config, Closer closer) {
        return List.of(basics(config, closer), new PersistenceModule(), config.cache().module(), new MetricsModule(),
                new ApplicationModule(), new WebModule());
    }

    /** Just the database: what {@code migrate} needs, without a cache client or an HTTP server. */
    static List<Module> persistenceOnly(AsideConfig config, Closer closer) {
        return List.of(basics(config, closer), new PersistenceModule());
    }

    private static Module basics(AsideConfig config, Closer closer) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(AsideConfig.class).toInstance(config);
                bind(Closer.class).toInstance(closer);
            }
        };
    }
}
