package io.aside.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import java.util.List;

/** Picks the adapters for a configuration: the only place where the environment decides the wiring. */
final class AsideModules {
    private AsideModules() {}

    static List<Module> forConfig(AsideConfig config, Closer closer) {
        Module cache = config.inMemoryCache() ? new InMemoryCacheModule() : new RedisCacheModule(config);
        return List.of(basics(config, closer), new PersistenceModule(), cache, new ApplicationModule(), new WebModule());
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
