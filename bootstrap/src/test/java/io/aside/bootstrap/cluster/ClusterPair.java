package io.aside.bootstrap.cluster;

import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import io.aside.bootstrap.consistency.CacheAudit;
import io.aside.bootstrap.consistency.CacheProbe;
import io.aside.bootstrap.consistency.Instance;
import io.aside.bootstrap.consistency.InstrumentedRepositoryModule;
import io.aside.bootstrap.e2e.Services;
import io.aside.domain.model.ModelId;
import io.aside.testing.RedisCluster;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Two production instances (each its own injector, Redis Cluster client, breakers and near cache)
 * sharing one fresh database and one fresh namespace on a Redis Cluster of the test's own, which the
 * test may kill or freeze nodes of. Close it when done.
 */
final class ClusterPair implements AutoCloseable {
    private final RedisCluster cluster;
    private final AsideConfig config;
    private final String namespace;
    private Instance a;
    private Instance b;

    private ClusterPair(RedisCluster cluster, AsideConfig config, String namespace) {
        this.cluster = cluster;
        this.config = config;
        this.namespace = namespace;
    }

    /** The defaults of production, timeouts, breakers and near cache included: what users run with is what must hold. */
    static ClusterPair start() {
        RedisCluster cluster = TestServers.dedicatedRedisCluster();
        try {
            // A fresh database and a fresh namespace (Services'), then the cluster instead of the shared Redis, same options.
            AsideConfig config = Services.productionConfigOn(TestServers.mariaDb(), TestServers.redis()).withCacheUrl(cluster.url());
            ClusterPair pair = new ClusterPair(cluster, config, config.cache().options().namespace());
            pair.a = Instance.of("A", AsideService.start(config, List.of(new InstrumentedRepositoryModule())));
            pair.b = Instance.of("B", AsideService.start(config, List.of(new InstrumentedRepositoryModule())));
            return pair;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    RedisCluster cluster() {
        return cluster;
    }

    AsideConfig config() {
        return config;
    }

    Instance a() {
        return a;
    }

    Instance b() {
        return b;
    }

    List<Instance> both() {
        return List.of(a, b);
    }

    /** The hash slot of a model's entry ({@code <ns>:v1:model:<id>}, untagged: a slot of its own). */
    int slotOfModel(long id) {
        return JedisClusterCRC16.getSlot(namespace + ":v1:model:" + id);
    }

    /** The slot of the near cache's keys and channels ({@code <ns>:v1:near:{<ns>}:…}): one master carries every instance's serving lease. */
    int nearCacheSlot() {
        return JedisClusterCRC16.getSlot(namespace + ":v1:near:{" + namespace + "}:seq");
    }

    RedisServer masterOfModel(long id) {
        return cluster.masterOf(slotOfModel(id));
    }

    /** Loads of a model by both instances together. */
    int loadsOf(long id) {
        return a.repository().loadsOf(new ModelId(id)) + b.repository().loadsOf(new ModelId(id));
    }

    /** Every model's version in the database, read with plain JDBC behind the services' back. */
    Map<Long, Long> storedVersions() {
        return query("SELECT id, version FROM models");
    }

    /** Invalidations not delivered yet. */
    long pendingInvalidations() {
        return query("SELECT 0, COUNT(*) FROM cache_outbox").get(0L);
    }

    private Map<Long, Long> query(String sql) {
        try (Connection c = DriverManager.getConnection(config.database().url(), config.database().user(), config.database().password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            Map<Long, Long> rows = new HashMap<>();
            while (rs.next()) rows.put(rs.getLong(1), rs.getLong(2));
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    /** Compares what the cluster holds for each model with its row (entries of a dead life count as absent, as reads see them). */
    CacheAudit audit(Iterable<Long> ids) {
        try (CacheProbe probe = new CacheProbe(config)) {
            CacheAudit audit = new CacheAudit(probe, a.repository().database());
            ids.forEach(id -> audit.model(new ModelId(id)));
            return audit;
        }
    }

    @Override
    public void close() {
        try {
            if (b != null) b.service().close();
            if (a != null) a.service().close();
        } finally {
            cluster.close();
        }
    }
}
