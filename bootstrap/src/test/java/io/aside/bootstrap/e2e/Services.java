package io.aside.bootstrap.e2e;

import io.aside.bootstrap.AsideConfig;
import io.aside.cache.MemcachedSettings;
import io.aside.testing.MariaDbServer;
import io.aside.testing.MemcachedServer;
import io.aside.testing.RedisCluster;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.util.List;
import java.util.stream.Collectors;

/** Production configurations pointing at the test servers, each with its own database and key namespace. */
public final class Services {
    private Services() {}

    /** A fresh database and namespace on the shared test servers: the first of possibly several instances sharing them. */
    public static AsideConfig productionConfig() {
        return productionConfigOn(TestServers.mariaDb(), TestServers.redis());
    }

    /** The same, on servers a test owns (a dedicated Redis it will stop, say). */
    public static AsideConfig productionConfigOn(MariaDbServer db, RedisServer redis) {
        return AsideConfig.defaultsOn(db.freshDatabaseUrl(), db.user(), db.password(), redis.url(), redis.freshNamespace());
    }

    /** The same on a Redis Cluster: every node a seed of the {@code redis-cluster://} URL, a namespace no other test uses. */
    public static AsideConfig productionConfigOn(MariaDbServer db, RedisCluster cluster) {
        return AsideConfig.defaultsOn(db.freshDatabaseUrl(), db.user(), db.password(), cluster.url(), cluster.freshNamespace());
    }

    /**
     * The same on memcached: the servers in the {@code memcached://} URL in the order given (ketama
     * places keys by their addresses, not that order), a namespace no other test uses.
     */
    public static AsideConfig productionConfigOn(MariaDbServer db, List<MemcachedServer> servers) {
        String url = MemcachedSettings.SCHEME + servers.stream().map(s -> s.host() + ":" + s.port()).collect(Collectors.joining(","));
        return AsideConfig.defaultsOn(db.freshDatabaseUrl(), db.user(), db.password(), url, servers.get(0).freshNamespace());
    }
}
