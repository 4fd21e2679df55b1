package io.aside.benchmarks;

import java.io.UncheckedIOException;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTTP load run of DESIGN §8: the whole service, production-wired on real MariaDB and Redis, under
 * a fixed number of client threads for a fixed time per scenario, in one run over
 * <ul>
 *   <li>two instances wired as in production (near cache, Redis): <b>cached</b> reads go to both in turn;</li>
 *   <li>a third instance on the same database whose {@link CachePort} is a {@link PassThroughCache}
 *       (every read goes to MariaDB through the same code path): the <b>uncached</b> baseline. Its
 *       outbox relay is switched off, so that it cannot acknowledge the cached instance's invalidations
 *       without delivering them;</li>
 *   <li>{@code GET /models/abc}, a 400 answered before any store is touched: the <b>ceiling</b> of this
 *       HTTP stack, client and machine;</li>
 *   <li>a fourth instance with its near cache off: {@code GET /models/{id}} answered by a <b>Redis</b> hit,
 *       what the cache server itself (one Redis, or a cluster) is worth.</li>
 * </ul>
 * {@code --cache=redis-cluster} runs all of it on a throw-away Redis Cluster of 3 masters and 3
 * replicas instead of one Redis (needs {@code redis-cli}), for the two side by side.
 * {@code --cache=memcached} runs it on three throw-away memcached servers (needs {@code memcached}),
 * keys spread over them by ketama as the service does with several; there the service has no near
 * cache, so the cached instances' reads are memcached hits, the fourth instance (near cache off) is
 * not started and its scenario is reported n/a, and the claim is the one for a hit in the server
 * alone (see {@link LoadClaim}).
 * It seeds models over HTTP, warms each instance's caches (one pass over every id and category), runs
 * every scenario once unrecorded (so the JIT has compiled every path before anything is measured),
 * then measures each scenario in turn: throughput, and latency p50/p99/max with HdrHistogram.
 * Every response is checked: a status other than the expected one, or an exception, is an error; an
 * {@code X-Cache} other than HIT (cached) or MISS (uncached) means the run did not measure what it
 * says, and fails it.
 *
 * <p><b>Claim</b>, checked at the end (exit 1 with a {@code CLAIM FAILED} line otherwise): cached
 * {@code GET /models/{id}} and list pages serve at least {@value LoadClaim#MIN_CACHED_SPEEDUP}x the
 * throughput of uncached and {@value LoadClaim#MIN_SHARE_OF_CEILING}x the ceiling's, and a Redis hit
 * alone at least {@value LoadClaim#MIN_SERVER_SPEEDUP}x uncached; on memcached (no near cache), cached
 * reads by id and list pages at least {@value LoadClaim#MIN_SERVER_SPEEDUP}x uncached. Always with no
 * errors and every response from the intended path.
 *
 * <p>Reproduce (from the repository root; about two minutes on a 2-core machine; needs {@code mariadbd},
 * {@code mariadb-install-db} and {@code redis-server} installed, or ASIDE_TEST_DB_URL and
 * ASIDE_TEST_REDIS_URL pointing at running servers; {@code memcached} for {@code --cache=memcached}):
 * <pre>
 * mvn -q -DskipTests package
 * java -cp benchmarks/target/benchmarks.jar io.aside.benchmarks.LoadRun
 * java -cp benchmarks/target/benchmarks.jar io.aside.benchmarks.LoadRun --cache=redis-cluster
 * java -cp benchmarks/target/benchmarks.jar io.aside.benchmarks.LoadRun --cache=memcached
 * java -cp benchmarks/target/benchmarks.jar io.aside.benchmarks.LoadRun --threads=16 --duration=5 --warmup=2 --models=1000 --categories=10
 * java -cp benchmarks/target/benchmarks.jar io.aside.benchmarks.LoadRun --report=redis-cluster.html --cache=redis-cluster
 * </pre>
 * Each flag may also be given as a system property ({@code -Dbench.threads=16}). Everything is on
 * loopback; the client, both service instances, MariaDB and Redis share the machine's cores, so the
 * ratios, not the absolute numbers, are the result. Latency is measured closed-loop (each thread sends
 * its next request when the previous one answers): it is latency at saturation, not under a fixed
 * arrival rate.
 *
 * <p>This class runs the phases in order; the parts are {@link LoadSettings} (the flags),
 * {@link ServicePair} (servers and instances), {@link ModelSeeder} and {@link CacheFiller} (set-up),
 * {@link LoadDriver} (the load), {@link LoadReport} (the table), {@link LoadClaim} (the verdict) and
 * {@link HtmlReport} (all of it, with charts, in one self-contained HTML file: {@code load-report.html}
 * beside the jar, that is benchmarks/target/, or {@code --report=FILE}; its path is the last line printed).
 */
public final class LoadRun {
    private final LoadSettings settings;

    private LoadRun(LoadSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        LoadSettings settings;
        try {
            settings = LoadSettings.from(args);
        } catch (IllegalArgumentException e) {
            System.out.println("LoadRun: " + e.getMessage());
            System.exit(2);
            return;
        }
        int exit;
        try {
            exit = new LoadRun(settings).run();
        } catch (RuntimeException | ExceptionInInitializerError e) { // the latter: TestServers could not provision a server
            Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
            cause.printStackTrace();
            exit = Claim.failed("the load run could not complete: " + cause);
        }
        System.exit(exit); // also stops the throw-away servers (their shutdown hooks)
    }

    private int run() {
        Stopwatch total = Stopwatch.start();
        MachineLoad machine = MachineLoad.beforeRun();
        // HttpURLConnection keeps at most 5 idle connections per host by default: the other threads would
        // reconnect on every request and measure TCP set-up instead of the service.
        System.setProperty("http.maxConnections", Integer.toString(Math.max(settings.threads() * 2, 5)));
        System.out.printf(Locale.ROOT, "LoadRun: %d client threads, %d s measured per scenario after %d s warm-up, %d models in %d categories, %d cores, %s%n",
                settings.threads(), settings.duration().toSeconds(), settings.warmup().toSeconds(), settings.models(), settings.categories(),
                MachineLoad.cores(), settings.cache().description());
        return ServicePair.run(settings.cache(), (cachedBases, serverOnlyBase, uncachedBase) ->
                measure(cachedBases, serverOnlyBase, uncachedBase, total, machine));
    }

    private int measure(List<String> cachedBases, Optional<String> serverOnlyBase, String uncachedBase, Stopwatch total, MachineLoad machine) {
        Stopwatch t = Stopwatch.start();
        List<Long> ids = ModelSeeder.seed(cachedBases.get(0), settings);
        System.out.printf(Locale.ROOT, "seeded %d models over HTTP (%.1f s)%n", ids.size(), t.seconds());

        List<Scenario> scenarios = Scenario.all(settings.cache(), cachedBases, serverOnlyBase, uncachedBase, ids, settings.categories());
        t = Stopwatch.start();
        int warmed = CacheFiller.fill(scenarios, settings.threads());
        System.out.printf(Locale.ROOT, "filled the cache: %d reads (%.1f s)%n", warmed, t.seconds());

        List<Outcome> outcomes = new LoadDriver(settings.threads()).measureAll(scenarios, settings.warmup(), settings.duration());
        LoadResult result = new LoadResult(settings, outcomes, total.seconds(), machine.afterRun(), ZonedDateTime.now());
        LoadReport.lines(result).forEach(System.out::println);
        int exit = result.verdict().print();
        cachedBases.forEach(CacheCounters::print);
        // written whatever the verdict (a failed run's report explains it), and said last, where a script finds it
        try {
            System.out.println("report: " + HtmlReport.write(result, settings.report()));
        } catch (UncheckedIOException e) { // the verdict stands: the console said it all already
            System.out.println("report: not written, " + e.getMessage() + ": " + e.getCause());
        }
        return exit;
    }
}
