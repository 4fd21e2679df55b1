package io.aside.benchmarks;

import io.aside.application.CacheAside;
import io.aside.application.CacheMetrics;
import io.aside.application.CachePolicy;
import io.aside.application.CacheTrust;
import io.aside.application.GetModel;
import io.aside.application.LeaseKeeper;
import io.aside.application.Read;
import io.aside.application.ReadFlights;
import io.aside.application.Sleeper;
import io.aside.cache.CircuitBreakingCache;
import io.aside.cache.InMemoryCache;
import io.aside.cache.NearCache;
import io.aside.cache.NearCacheObserver;
import io.aside.cache.NearCacheSettings;
import io.aside.cache.RedisCache;
import io.aside.cache.RedisSettings;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelDraft;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.ModelRepository;
import io.aside.metrics.MicrometerCacheMetrics;
import io.aside.persistence.Database;
import io.aside.persistence.DatabaseSettings;
import io.aside.testing.TestServers;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process read path of DESIGN §3: {@link GetModel} through {@link CacheAside} on an
 * {@link InMemoryCache}, with a real database behind it (H2 in memory, through the persistence
 * adapter: Hikari + jOOQ + the same repository class as production).
 * <ul>
 *   <li>{@code hit}: the key is filled; the read is a cache lookup (plus Micrometer counters, as wired in production);</li>
 *   <li>{@code hitWithoutMetrics}: the same with {@link CacheMetrics#NONE}, to show what the metrics cost;</li>
 *   <li>{@code nearHit}: the same read through a {@link NearCache} in front of Redis, as production wires it: a
 *       hit answered from the instance's memory, while it holds its serving lease;</li>
 *   <li>{@code miss}: the key is invalidated before each read, so every read takes the lease, loads from H2 and fills;</li>
 *   <li>{@code databaseOnly}: {@code repository.findById} alone — what a miss costs before the cache protocol's share.</li>
 * </ul>
 * Each benchmark checks on every call that it measured what its name says (a hit came from the
 * cache, a miss from the database) and fails otherwise.
 *
 * <p>Warm-up: the hit path is small and is compiled within 3-4 s (5 s of warm-up). The database path
 * (jOOQ rendering, Hikari, H2's parser and executor) is not: on the 2-core machine it kept getting
 * faster for about 8-9 s (from a few hundred µs to 16-19 µs per read) before it settled, so the two database benchmarks
 * warm up for 10 s. With fewer, "miss" would be measured half-interpreted and the ratio would be
 * flattered by a factor of 2-10.
 *
 * <p>Run with the summary and the claim check (see {@link RunJmh}), from the repository root:
 * <pre>
 * mvn -q -DskipTests package &amp;&amp; java -cp benchmarks/target/benchmarks.jar io.aside.benchmarks.RunJmh
 * </pre>
 * or with the plain JMH command line: {@code java -jar benchmarks/target/benchmarks.jar CacheAsideBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CacheAsideBenchmark {
    /** Rows in the table, each read in turn; a power of two so the index wraps with a mask. */
    static final int MODELS = 1024;

    private Database database;
    private ModelRepository repository;
    private InMemoryCache cache;
    private GetModel getModel;
    private GetModel getModelWithoutMetrics;
    private ModelId[] ids;
    private Invalidation[] invalidations;
    private int next;
    private LeaseKeeper keeper;
    private CachePolicy policy;
    private CacheMetrics metrics;
    private CacheTrust trust;

    @Setup(Level.Trial)
    public void setUp() {
        database = Database.open(new DatabaseSettings("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1", "", ""));
        database.migrate();
        repository = database.repository();
        ids = new ModelId[MODELS];
        invalidations = new Invalidation[MODELS];
        for (int i = 0; i < MODELS; i++) {
            Model m = repository.insert(ModelDraft.of("model " + i, "category " + (i % 10),
                    Map.of("colour", "blue", "size", Integer.toString(i)))).model();
            ids[i] = m.id();
            invalidations[i] = new Invalidation(Set.of(m.id()), Set.of());
        }
        cache = new InMemoryCache();
        policy = CachePolicy.defaults();
        metrics = new MicrometerCacheMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        trust = new CacheTrust(); // trusted: every invalidation delivered, as in a healthy service
        keeper = new LeaseKeeper(cache, CacheMetrics.NONE, policy.leaseTtl().dividedBy(6));
        getModel = new GetModel(new CacheAside(new ReadFlights(policy.readDeadline(), policy.fallbackWindow()), cache, trust, policy, metrics, Sleeper.REAL,
                keeper), repository);
        getModelWithoutMetrics = new GetModel(new CacheAside(new ReadFlights(policy.readDeadline(), policy.fallbackWindow()), cache, trust, policy,
                CacheMetrics.NONE, Sleeper.REAL, keeper), repository);
        for (ModelId id : ids) getModel.get(id); // fills every key: hits find them
    }

    /**
     * The near cache over Redis, as production wires it, for {@code nearHit} only: JMH makes a state
     * for the benchmarks that ask for it, so the other benchmarks run without its threads.
     */
    @State(Scope.Benchmark)
    public static class Near {
        private RedisCache redis;
        private NearCache near;
        private GetModel getModel;

        @Setup(Level.Trial)
        public void setUp(CacheAsideBenchmark bench) {
            redis = new RedisCache(RedisSettings.fromUrl(TestServers.redis().url()).withNamespace(TestServers.redis().freshNamespace()));
            near = redis.withNearCache(new CircuitBreakingCache(redis), NearCacheSettings.ofSize(64L << 20), NearCacheObserver.NONE);
            getModel = new GetModel(new CacheAside(new ReadFlights(bench.policy.readDeadline(), bench.policy.fallbackWindow()), near,
                    bench.trust, bench.policy, bench.metrics, Sleeper.REAL, bench.keeper), bench.repository);
            NearCacheStart.awaitServing(near);
            for (int pass = 0; pass < 2; pass++) for (ModelId id : bench.ids) getModel.get(id); // Redis, then the near cache, holds every key
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            near.close();
            redis.close();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        keeper.close();
        database.close();
    }

    private int nextIndex() {
        return next = (next + 1) & (MODELS - 1);
    }

    @Benchmark
    public Model hit() {
        return cached(getModel.get(ids[nextIndex()]));
    }

    @Benchmark
    public Model nearHit(Near near) {
        return cached(near.getModel.get(ids[nextIndex()]));
    }

    @Benchmark
    public Model hitWithoutMetrics() {
        return cached(getModelWithoutMetrics.get(ids[nextIndex()]));
    }

    @Benchmark
    @Warmup(iterations = 10, time = 1)
    public Model miss() {
        int i = nextIndex();
        cache.invalidate(invalidations[i]);
        Read<Presence<Model>> read = getModel.get(ids[i]);
        if (read.fromCache()) throw new IllegalStateException("'miss' was answered by the cache: the benchmark measures the wrong path");
        return ((Presence.Present<Model>) read.value()).value();
    }

    @Benchmark
    @Warmup(iterations = 10, time = 1)
    public Optional<Model> databaseOnly() {
        return repository.findById(ids[nextIndex()]);
    }

    private static Model cached(Read<Presence<Model>> read) {
        if (!read.fromCache()) throw new IllegalStateException("'hit' went to the database: the benchmark measures the wrong path");
        return ((Presence.Present<Model>) read.value()).value();
    }
}
