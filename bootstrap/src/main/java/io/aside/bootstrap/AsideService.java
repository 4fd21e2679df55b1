package io.aside.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
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
        Closer closer = new Closer();
        try {
            Injector injector = Guice.createInjector(Stage.PRODUCTION, AsideModules.forConfig(config, closer));
            injector.getInstance(Database.class).migrate();
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
            Guice.createInjector(Stage.PRODUCTION, AsideModules.forConfig(config, closer)).getInstance(Database.class).migrate();
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
