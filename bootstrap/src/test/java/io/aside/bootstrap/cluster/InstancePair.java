package io.aside.bootstrap.cluster;

import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import io.aside.bootstrap.consistency.CacheAudit;
import io.aside.bootstrap.consistency.CacheProbe;
import io.aside.bootstrap.consistency.Instance;
import io.aside.bootstrap.consistency.InstrumentedRepositoryModule;
import io.aside.domain.model.ModelId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two production instances (each its own injector, cache client and breakers) sharing one fresh
 * database and one fresh namespace on cache servers of the test's own, which the test may kill or
 * freeze: a Redis Cluster ({@link ClusterPair}) or memcached servers ({@link MemcachedPair}). What
 * {@link FailoverChecks} judge them by is here. Close it when done: the instances, then the servers.
 */
abstract class InstancePair implements AutoCloseable {
    private final AsideConfig config;
    private Instance a;
    private Instance b;

    /** @param config the defaults of production, timeouts and breakers included: what users run with is what must hold */
    InstancePair(AsideConfig config) {
        this.config = config;
    }

    /** Starts both instances; on failure closes what started, the servers included, and rethrows. */
    final void startInstances() {
        try {
            a = Instance.of("A", AsideService.start(config, List.of(new InstrumentedRepositoryModule())));
            b = Instance.of("B", AsideService.start(config, List.of(new InstrumentedRepositoryModule())));
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Stops the cache servers the pair started. */
    abstract void closeServers();

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

    /** Compares what the cache holds for each model with its row (entries of a dead life count as absent, as reads see them). */
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
            closeServers();
        }
    }
}
