package io.aside.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import java.util.List;
import io.aside.application.HealthCheck;
import io.aside.application.OutboxRelay;
import io.aside.persistence.Database;
import io.aside.web.WebServer;

/**
 * One running Aside: the production wiring, migrated and serving. Closing it drains HTTP first,
 * then closes the cache client and the connection pool.
 */
public final class AsideService implements AutoCloseable {
    private final Injector injector;
    private final Closer closer;
    private final WebServer web;

    private AsideService(Injector injector, Closer closer, WebServer web) {
        this.injector = injector;
        this.closer = closer;
        this.web = web;
    }

    public static AsideService start(AsideConfig config) {
        return start(config, List.of());
    }

    /**
     * Starts with some bindings replaced — for tests and benchmarks that wrap a port (count or pause
     * database loads, say) while keeping the rest of the production wiring.
     */
    public static AsideService start(AsideConfig config, List<Module> overrides) {
        config.requireCacheSharedLikeTheDatabase();
        Closer closer = new Closer();
        try {
            Module wiring = Modules.override(AsideModules.forConfig(config, closer)).with(overrides);
            Injector injector = Guice.createInjector(Stage.PRODUCTION, wiring);
            injector.getInstance(Database.class).migrate();
            // Opens the first cache connection before traffic does, so the first writes' invalidations
            // do not pay the connection set-up inside a command timeout. A dead cache is fine here.
            injector.getInstance(HealthCheck.class).check();
            closer.register(new OutboxRelayTimer(injector.getInstance(OutboxRelay.class)));
            WebServer web = injector.getInstance(WebServer.class).start();
            return new AsideService(injector, closer, web);
        } catch (RuntimeException e) {
            closer.close();
            throw e;
        }
    }

    /** Applies the schema migrations and returns, without serving. */
    public static void migrate(AsideConfig config) {
        try (Closer closer = new Closer()) {
            Guice.createInjector(Stage.PRODUCTION, AsideModules.persistenceOnly(config, closer)).getInstance(Database.class).migrate();
        }
    }

    public int port() {
        return web.port();
    }

    /** For tests that reach into the running wiring (e.g. the repository, to compare with the cache). */
    public <T> T instance(Class<T> type) {
        return injector.getInstance(type);
    }

    @Override
    public void close() {
        web.stop();
        closer.close();
    }
}
