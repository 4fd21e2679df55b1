package io.aside.testing;

/**
 * The real servers integration tests run against: one MariaDB and one Redis per test JVM, started
 * on first use from the installed binaries on free ports with throw-away data, or taken from
 * {@code ASIDE_TEST_DB_URL} / {@code ASIDE_TEST_REDIS_URL} when those are set. A missing binary
 * fails the test with one line saying what to install: these tests are never skipped.
 */
public final class TestServers {
    private TestServers() {}

    private static final class MariaDbHolder {
        static final MariaDbServer INSTANCE = MariaDbServer.provision();
    }

    private static final class RedisHolder {
        static final RedisServer INSTANCE = RedisServer.provision();
    }

    private static final class MemcachedHolder {
        static final MemcachedServer INSTANCE = MemcachedServer.startOwned();
    }

    private static final class RedisClusterHolder {
        static final RedisCluster INSTANCE = RedisCluster.start();
    }

    public static MariaDbServer mariaDb() {
        return MariaDbHolder.INSTANCE;
    }

    public static RedisServer redis() {
        return RedisHolder.INSTANCE;
    }

    /**
     * A Redis of the caller's own, for fault tests that stop, kill or pause it without disturbing
     * other tests. Always started from the installed binary; close it when done.
     */
    public static RedisServer dedicatedRedis() {
        return RedisServer.startOwned();
    }

    /**
     * A Redis of the caller's own that snapshots to disk and loads the snapshot when started again:
     * for tests of a cache that comes back with old data (DESIGN §3.2). Send it {@code SAVE} through
     * {@link RedisServer#command} to take a snapshot; close it when done.
     */
    public static RedisServer dedicatedPersistentRedis() {
        return RedisServer.startPersistent();
    }

    /**
     * The Redis Cluster shared by the tests of one JVM that neither stop nor fail over its nodes: they
     * keep apart by namespace, as on {@link #redis()}. Started on first use, stopped at exit.
     */
    public static RedisCluster redisCluster() {
        return RedisClusterHolder.INSTANCE;
    }

    /**
     * A Redis Cluster of the caller's own: three masters with a replica each, on free ports, formed
     * and serving every slot. Needs {@code redis-cli} (Debian's redis-tools) besides redis-server.
     * Close it when done.
     */
    public static RedisCluster dedicatedRedisCluster() {
        return RedisCluster.start();
    }

    /**
     * The memcached shared by the tests of one JVM that neither stop nor restart it: they keep apart
     * by namespace. Started on first use from Debian's {@code memcached}, stopped at exit.
     */
    public static MemcachedServer memcached() {
        return MemcachedHolder.INSTANCE;
    }

    /** A memcached of the caller's own, for fault tests that stop, kill or pause it. Close it when done. */
    public static MemcachedServer dedicatedMemcached() {
        return MemcachedServer.startOwned();
    }

    /** A MariaDB of the caller's own, for tests that stop and restart it. Close it when done. */
    public static MariaDbServer dedicatedMariaDb() {
        return MariaDbServer.startOwned();
    }
}
