package io.aside.bootstrap;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar aside.jar} serves; {@code java -jar aside.jar migrate} only migrates the schema. */
@Command(name = "aside", mixinStandardHelpOptions = true, subcommands = Main.Migrate.class,
        description = "Serves models from MySQL/MariaDB (or embedded H2) behind Redis (or an in-process cache).",
        footer = "Configuration: ASIDE_PORT, ASIDE_DB_URL, ASIDE_DB_USER, ASIDE_DB_PASSWORD, ASIDE_CACHE_URL, "
                + "ASIDE_CACHE_TTL, ASIDE_CACHE_NAMESPACE, ASIDE_CACHE_TIMEOUT, ASIDE_CACHE_WRITE_TIMEOUT, ASIDE_NEAR_CACHE_SIZE, "
                + "ASIDE_READ_DEADLINE, ASIDE_FALLBACK_WINDOW (environment, or -Daside.port=... system properties).")
public final class Main implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).setExecutionExceptionHandler(Main::fail).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        long started = System.nanoTime();
        AsideConfig config = AsideConfig.load();
        AsideService service = AsideService.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: draining HTTP, closing cache and database");
            service.close();
            stopped.countDown();
        }, "aside-shutdown"));
        LOG.info("Aside serving on http://localhost:{} ({}) in {} ms", service.port(), config,
                (System.nanoTime() - started) / 1_000_000);
        stopped.await();
        return 0;
    }

    @Command(name = "migrate", description = "Applies the database migrations, then exits.")
    static final class Migrate implements Callable<Integer> {
        @Override
        public Integer call() {
            AsideConfig config = AsideConfig.load();
            AsideService.migrate(config);
            LOG.info("schema is up to date on {}", config.database());
            return 0;
        }
    }

    /** Bad configuration and unreachable stores end the start with one line, not a stack trace. */
    private static int fail(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof ConfigException)) root = root.getCause();
        if (root instanceof ConfigException) {
            System.err.println("aside: configuration error: " + root.getMessage());
            return 2;
        }
        LOG.error("aside failed to start", e);
        System.err.println("aside: cannot start: " + root.getMessage());
        return 1;
    }
}
