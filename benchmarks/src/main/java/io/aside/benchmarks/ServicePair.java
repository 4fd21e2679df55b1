package io.aside.benchmarks;

import com.google.inject.Module;
import io.aside.application.CacheMetrics;
import io.aside.application.CacheTrust;
import io.aside.application.OutboxRelay;
import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import io.aside.domain.cache.OutboxBatch;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.InvalidationOutbox;
import io.aside.testing.MariaDbServer;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The instances the load run compares, on one MariaDB database and one Redis: two cached ones wired
 * as in production (so their near caches keep each other strict, as in a real deployment), and an
 * uncached one with a {@link PassThroughCache} in place of Redis, so that all read through the very
 * same code path and differ only in the cache.
 */
final class ServicePair {
    /** What the load run does with the pair, given each instance's base URL; returns its exit code. */
    @FunctionalInterface
    interface Measurement {
        int measure(List<String> cachedBases, String uncachedBase);
    }

    private static final InvalidationOutbox NOTHING_PENDING = new InvalidationOutbox() {
        @Override
        public OutboxBatch pendingAfter(long afterId, int limit) {
            return OutboxBatch.of(List.of());
        }

        @Override
        public void delivered(Collection<Long> ids) {}

        @Override
        public OptionalLong oldestPending() {
            return OptionalLong.empty();
        }
    };

    private ServicePair() {}

    /** Provisions the servers, starts both instances, runs the measurement, and closes all of it after. */
    static int run(Measurement measurement) {
        Stopwatch t = Stopwatch.start();
        try (MariaDbServer db = mariaDb(); RedisServer redis = redis()) {
            AsideConfig config = AsideConfig.defaultsOn(db.freshDatabaseUrl(), db.user(), db.password(), redis.url(), redis.freshNamespace());
            System.out.printf(Locale.ROOT, "servers: MariaDB %s:%d, Redis %s (%.1f s)%n", db.host(), db.port(), redis.url(), t.seconds());

            t = Stopwatch.start();
            try (AsideService cachedA = AsideService.start(config);
                 AsideService cachedB = AsideService.start(config);
                 AsideService uncached = AsideService.start(config, List.of(uncachedWiring()))) {
                System.out.printf(Locale.ROOT, "started: cached instances on :%d and :%d (near cache + Redis), uncached instance on :%d"
                        + " (pass-through cache), same database (%.1f s)%n", cachedA.port(), cachedB.port(), uncached.port(), t.seconds());
                return measurement.measure(List.of(base(cachedA.port()), base(cachedB.port())), base(uncached.port()));
            }
        }
    }

    private static Module uncachedWiring() {
        return binder -> {
            PassThroughCache passThrough = new PassThroughCache();
            binder.bind(CachePort.class).toInstance(passThrough);
            // Every instance relays the shared outbox to its cache; this one's "delivery" would be a no-op
            // that marks real invalidations delivered before the Redis instance got them. It relays nothing.
            binder.bind(OutboxRelay.class).toInstance(new OutboxRelay(NOTHING_PENDING, passThrough, new CacheTrust(), CacheMetrics.NONE));
        };
    }

    /**
     * The MariaDB of ASIDE_TEST_DB_URL when set, else a throw-away one of this run's own. Its bootstrap
     * ({@code mariadb-install-db}) was seen to crash now and then (signal 11) on this machine, so a
     * failed start is retried twice before the run gives up.
     */
    private static MariaDbServer mariaDb() {
        if (isSet("ASIDE_TEST_DB_URL")) return TestServers.mariaDb();
        for (int attempt = 1; ; attempt++) {
            try {
                return TestServers.dedicatedMariaDb();
            } catch (RuntimeException e) {
                if (attempt == 3) throw e;
                System.out.println("MariaDB did not start (attempt " + attempt + " of 3), retrying: " + e.getMessage());
            }
        }
    }

    /** The Redis of ASIDE_TEST_REDIS_URL when set, else a throw-away one of this run's own. */
    private static RedisServer redis() {
        return isSet("ASIDE_TEST_REDIS_URL") ? TestServers.redis() : TestServers.dedicatedRedis();
    }

    private static boolean isSet(String variable) {
        String value = System.getenv(variable);
        return value != null && !value.isBlank();
    }

    private static String base(int port) {
        return "http://127.0.0.1:" + port;
    }
}
