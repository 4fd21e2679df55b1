package io.aside.benchmarks;

import com.google.inject.Module;
import io.aside.application.CacheMetrics;
import io.aside.application.CacheTrust;
import io.aside.application.OutboxRelay;
import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import io.aside.bootstrap.ByteSize;
import io.aside.bootstrap.CacheConfig;
import io.aside.bootstrap.CacheOptions;
import io.aside.domain.cache.OutboxBatch;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.InvalidationOutbox;
import io.aside.testing.MariaDbServer;
import io.aside.testing.RedisCluster;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The instances the load run compares, on one MariaDB database and one Redis (or Redis Cluster): two
 * cached ones wired as in production (so their near caches keep each other strict, as in a real
 * deployment), one with its near cache off (every cached read is a Redis hit), and an uncached one
 * with a {@link PassThroughCache} in place of Redis, so that all read through the very same code path
 * and differ only in the cache.
 */
final class ServicePair {
    /** What the load run does with the pair, given each instance's base URL; returns its exit code. */
    @FunctionalInterface
    interface Measurement {
        int measure(List<String> cachedBases, String redisOnlyBase, String uncachedBase);
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

    /** Provisions the servers, starts the instances, runs the measurement, and closes all of it after. */
    static int run(boolean cluster, Measurement measurement) {
        Stopwatch t = Stopwatch.start();
        try (MariaDbServer db = mariaDb(); CacheServer cache = cluster ? CacheServer.of(TestServers.dedicatedRedisCluster()) : redis()) {
            String namespace = cache.freshNamespace();
            AsideConfig config = AsideConfig.defaultsOn(db.freshDatabaseUrl(), db.user(), db.password(), cache.url(), namespace);
            CacheOptions options = config.cache().options();
            CacheOptions withoutNearCache = new CacheOptions(options.namespace(), options.timeout(), options.writeTimeout(), new ByteSize(0));
            AsideConfig redisOnly = new AsideConfig(config.web(), config.database(), CacheConfig.at(cache.url(), withoutNearCache), config.policy());
            System.out.printf(Locale.ROOT, "servers: MariaDB %s:%d, %s (%.1f s)%n", db.host(), db.port(), cache.url(), t.seconds());

            t = Stopwatch.start();
            try (AsideService cachedA = AsideService.start(config);
                 AsideService cachedB = AsideService.start(config);
                 AsideService redisHits = AsideService.start(redisOnly);
                 AsideService uncached = AsideService.start(config, List.of(uncachedWiring()))) {
                System.out.printf(Locale.ROOT, "started: cached instances on :%d and :%d (near cache + Redis), :%d (Redis only),"
                        + " uncached instance on :%d (pass-through cache), same database (%.1f s)%n",
                        cachedA.port(), cachedB.port(), redisHits.port(), uncached.port(), t.seconds());
                return measurement.measure(List.of(base(cachedA.port()), base(cachedB.port())), base(redisHits.port()), base(uncached.port()));
            }
        }
    }

    /** The Redis or Redis Cluster the cached instances share. */
    private record CacheServer(String url, Supplier<String> namespaces, AutoCloseable server) implements AutoCloseable {
        static CacheServer of(RedisServer redis) {
            return new CacheServer(redis.url(), redis::freshNamespace, redis);
        }

        static CacheServer of(RedisCluster cluster) {
            return new CacheServer(cluster.url(), cluster::freshNamespace, cluster);
        }

        String freshNamespace() {
            return namespaces.get();
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop " + url, e);
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
    private static CacheServer redis() {
        return CacheServer.of(isSet("ASIDE_TEST_REDIS_URL") ? TestServers.redis() : TestServers.dedicatedRedis());
    }

    private static boolean isSet(String variable) {
        String value = System.getenv(variable);
        return value != null && !value.isBlank();
    }

    private static String base(int port) {
        return "http://127.0.0.1:" + port;
    }
}
