package io.aside.bootstrap.consistency;

import com.google.inject.Module;
import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import io.aside.bootstrap.e2e.Services;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two independently wired services — each its own Guice injector, cache client, pools and metrics —
 * sharing one fresh database and one fresh key namespace, as two production instances would.
 * A test class registers it ({@code @RegisterExtension static final TwoInstances services = new TwoInstances();});
 * it starts before the class's tests and stops after them. The pair runs on one Redis server,
 * ({@link #onRedisCluster()}) on a Redis Cluster, or ({@link #onMemcached()}) on memcached, without a
 * near cache: what the tests observe through it is the same.
 */
final class TwoInstances implements BeforeAllCallback, AfterAllCallback {
    /** The cache the pair shares. */
    private enum Store {
        REDIS(""), REDIS_CLUSTER(" on Redis Cluster"), MEMCACHED(" on memcached");

        /** What a figure measured on this store adds to its scenario's name. */
        final String figureSuffix;

        Store(String figureSuffix) {
            this.figureSuffix = figureSuffix;
        }
    }

    private final List<Module> overrides;
    /** Null: the shared test Redis; otherwise starts a Redis of the pair's own, closed after it. */
    private final Supplier<RedisServer> ownRedis;
    /** On anything but {@link Store#REDIS} the pair runs on a store the JVM's tests share: it has no one server to control. */
    private final Store store;
    private RedisServer redis;
    private Instance a;
    private Instance b;
    private CacheProbe probe;

    /** {@code extra} bindings replace production ones on both instances, after the instrumented repository. */
    TwoInstances(Module... extra) {
        this(null, Store.REDIS, extra);
    }

    private TwoInstances(Supplier<RedisServer> ownRedis, Store store, Module... extra) {
        List<Module> modules = new ArrayList<>(List.of(new InstrumentedRepositoryModule()));
        modules.addAll(List.of(extra));
        this.overrides = List.copyOf(modules);
        this.ownRedis = ownRedis;
        this.store = store;
    }

    /** The pair on a Redis of its own, which the test may freeze, kill or restart. */
    static TwoInstances onOwnRedis() {
        return new TwoInstances(TestServers::dedicatedRedis, Store.REDIS);
    }

    /** The pair on a Redis of its own that snapshots to disk and loads the snapshot when restarted. */
    static TwoInstances onOwnPersistentRedis() {
        return new TwoInstances(TestServers::dedicatedPersistentRedis, Store.REDIS);
    }

    /**
     * The pair on the Redis Cluster the JVM's tests share (three masters, three replicas), in a fresh
     * namespace: hash-tagged keys spread over the masters, near-cache messages on sharded pub/sub.
     */
    static TwoInstances onRedisCluster() {
        return new TwoInstances(null, Store.REDIS_CLUSTER);
    }

    /**
     * The pair on the memcached the JVM's tests share, in a fresh namespace ({@code memcached://}, the
     * production defaults): no near cache, so every read asks memcached, and a write answers once its
     * invalidation reached memcached (or, failing that, was left in the outbox with its keys distrusted).
     */
    static TwoInstances onMemcached() {
        return new TwoInstances(null, Store.MEMCACHED);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The production defaults, timeouts included: what users run with is what must hold.
        AsideConfig config = switch (store) {
            case REDIS_CLUSTER -> Services.productionConfigOn(TestServers.mariaDb(), TestServers.redisCluster());
            case MEMCACHED -> Services.productionConfigOn(TestServers.mariaDb(), List.of(TestServers.memcached()));
            case REDIS -> {
                redis = ownRedis != null ? ownRedis.get() : TestServers.redis();
                yield Services.productionConfigOn(TestServers.mariaDb(), redis);
            }
        };
        AsideService first = AsideService.start(config, overrides);
        try {
            AsideService second = AsideService.start(config, overrides);
            probe = new CacheProbe(config);
            a = Instance.of("A", first);
            b = Instance.of("B", second);
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (probe != null) probe.close();
        if (b != null) b.service().close();
        if (a != null) a.service().close();
        if (ownRedis != null && redis != null) redis.close();
    }

    /** The Redis both instances use: their own when made {@link #onOwnRedis()}. */
    RedisServer redis() {
        if (store != Store.REDIS) throw new IllegalStateException("this pair runs on a store the tests share (" + store + "): it has no one Redis to control");
        return redis;
    }

    /** A figure's scenario name, saying where it was measured unless on one Redis: {@code herd}, {@code herd on Redis Cluster}, {@code herd on memcached}. */
    String figure(String scenario) {
        return scenario + store.figureSuffix;
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

    /** Loads of {@code key} (a ModelId or a Category) by both instances together. */
    int loadsOf(Object key) {
        return a.repository().loadsOf(key) + b.repository().loadsOf(key);
    }

    /** Both instances' cache counters, to explain a failed count. */
    String cacheCounters() {
        return a.cacheCounters() + "\n" + b.cacheCounters();
    }

    CacheProbe probe() {
        return probe;
    }
}
