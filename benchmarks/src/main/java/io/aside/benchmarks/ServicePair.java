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
import io.aside.cache.MemcachedSettings;
import io.aside.domain.cache.OutboxBacklog;
import io.aside.domain.cache.OutboxBatch;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.InvalidationOutbox;
import io.aside.testing.MariaDbServer;
import io.aside.testing.MemcachedServer;
import io.aside.testing.RedisCluster;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The instances the load run compares, on one MariaDB database and one cache ({@link CacheKind}: one
 * Redis, a Redis Cluster, or three memcached servers): two cached ones wired as in production (on
 * Redis, their near caches keep each other strict, as in a real deployment), on Redis one with its
 * near cache off (every cached read is a Redis hit), and an uncached one with a
 * {@link PassThroughCache} in place of the cache, so that all read through the very same code path
 * and differ only in the cache. On memcached the service has no near cache, so the cached instances
 * already read from the server alone and there is no near-cache-off instance.
 */
final class ServicePair {
    /** What the load run does with the pair, given each instance's base URL; returns its exit code. */
    @FunctionalInterface
    interface Measurement {
        int measure(List<String> cachedBases, Optional<String> serverOnlyBase, String uncachedBase);
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

        @Override
        public OutboxBacklog backlog() {
            return OutboxBacklog.EMPTY;
        }
    };

    private ServicePair() {}

    /** Provisions the servers, starts the instances, runs the measurement, and closes all of it after. */
    static int run(CacheKind kind, Measurement measurement) {
        Stopwatch t = Stopwatch.start();
        try (MariaDbServer db = mariaDb(); CacheServer cache = cacheServer(kind)) {
            String namespace = cache.freshNamespace();
            AsideConfig config = AsideConfig.defaultsOn(db.freshDatabaseUrl(), db.user(), db.password(), cache.url(), namespace);
            System.out.printf(Locale.ROOT, "servers: MariaDB %s:%d, %s (%.1f s)%n", db.host(), db.port(), cache.url(), t.seconds());

            t = Stopwatch.start();
            try (AsideService cachedA = AsideService.start(config);
                 AsideService cachedB = AsideService.start(config);
                 AsideService serverOnly = kind.nearCache() ? AsideService.start(withoutNearCache(config, cache.url())) : null;
                 AsideService uncached = AsideService.start(config, List.of(uncachedWiring()))) {
                System.out.printf(Locale.ROOT, "started: cached instances on :%d and :%d (%s), %suncached instance on :%d (pass-through cache),"
                        + " same database (%.1f s)%n", cachedA.port(), cachedB.port(), kind.nearCache() ? "near cache + Redis" : "memcached, no near cache",
                        serverOnly == null ? "" : String.format(Locale.ROOT, ":%d (%s), ", serverOnly.port(), kind.serverOnlyLabel()),
                        uncached.port(), t.seconds());
                return measurement.measure(List.of(base(cachedA.port()), base(cachedB.port())),
                        Optional.ofNullable(serverOnly).map(s -> base(s.port())), base(uncached.port()));
            }
        }
    }

    /** The same wiring with the near cache off: every cached read a hit in the server itself. */
    private static AsideConfig withoutNearCache(AsideConfig config, String url) {
        CacheOptions options = config.cache().options();
        CacheOptions off = new CacheOptions(options.namespace(), options.timeout(), options.writeTimeout(), new ByteSize(0));
        return new AsideConfig(config.web(), config.database(), CacheConfig.at(url, off), config.policy());
    }

    private static CacheServer cacheServer(CacheKind kind) {
        return switch (kind) {
            case REDIS -> redis();
            case REDIS_CLUSTER -> CacheServer.of(TestServers.dedicatedRedisCluster());
            case MEMCACHED -> memcached(CacheKind.MEMCACHED_SERVERS);
        };
    }

    /** The cache server(s) the cached instances share. */
    private record CacheServer(String url, Supplier<String> namespaces, List<? extends AutoCloseable> servers) implements AutoCloseable {
        static CacheServer of(RedisServer redis) {
            return new CacheServer(redis.url(), redis::freshNamespace, List.of(redis));
        }

        static CacheServer of(RedisCluster cluster) {
            return new CacheServer(cluster.url(), cluster::freshNamespace, List.of(cluster));
        }

        /** One {@code memcached://} URL naming every server, in the order ketama is given them. */
        static CacheServer of(List<MemcachedServer> memcached) {
            String url = MemcachedSettings.SCHEME + memcached.stream().map(m -> m.host() + ":" + m.port()).collect(Collectors.joining(","));
            return new CacheServer(url, memcached.get(0)::freshNamespace, memcached);
        }

        String freshNamespace() {
            return namespaces.get();
        }

        /** Stops every server, each even if another would not. */
        @Override
        public void close() {
            IllegalStateException failed = null;
            for (AutoCloseable server : servers) {
                try {
                    server.close();
                } catch (Exception e) {
                    if (failed == null) failed = new IllegalStateException("could not stop " + url, e);
                }
            }
            if (failed != null) throw failed;
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

    /**
     * {@code count} throw-away memcached servers of this run's own (always started here: the testing
     * module takes no memcached from the environment). If one does not start, those already started
     * are stopped before the failure is thrown.
     */
    private static CacheServer memcached(int count) {
        List<MemcachedServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) servers.add(TestServers.dedicatedMemcached());
        } catch (RuntimeException e) {
            servers.forEach(MemcachedServer::close);
            throw e;
        }
        return CacheServer.of(servers);
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
