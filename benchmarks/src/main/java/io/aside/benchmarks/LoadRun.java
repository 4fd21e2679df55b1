package io.aside.benchmarks;

import com.google.inject.Module;
import io.aside.application.CacheGate;
import io.aside.application.CacheMetrics;
import io.aside.application.OutboxRelay;
import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.InvalidationOutbox;
import io.aside.testing.MariaDbServer;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * The HTTP load run of DESIGN §8: the whole service, production-wired on real MariaDB and Redis, under
 * a fixed number of client threads for a fixed time per scenario, compared in one run with
 * <ul>
 *   <li>a second instance on the same database whose {@link CachePort} is a {@link PassThroughCache}
 *       (every read goes to MariaDB through the same code path): the <b>uncached</b> baseline. Its
 *       outbox relay is switched off, so that it cannot acknowledge the cached instance's invalidations
 *       without delivering them;</li>
 *   <li>{@code GET /models/abc}, a 400 answered before any store is touched: the <b>ceiling</b> of this
 *       HTTP stack, client and machine.</li>
 * </ul>
 * It seeds models over HTTP, warms each instance's caches (one pass over every id and category), runs
 * every scenario once unrecorded (so the JIT has compiled every path before anything is measured),
 * then measures each scenario in turn: throughput, and latency p50/p99/max with HdrHistogram.
 * Every response is checked: a status other than the expected one, or an exception, is an error; an
 * {@code X-Cache} other than HIT (cached) or MISS (uncached) means the run did not measure what it
 * says, and fails it.
 *
 * <p><b>Claim</b>, checked at the end (exit 1 with a {@code CLAIM FAILED} line otherwise): cached
 * {@code GET /models/{id}} serves at least {@value #MIN_CACHED_SPEEDUP}x the throughput of uncached,
 * with no errors and every response from the intended path.
 *
 * <p>Reproduce (from the repository root; about a minute on a 2-core machine; needs {@code mariadbd},
 * {@code mariadb-install-db} and {@code redis-server} installed, or ASIDE_TEST_DB_URL and
 * ASIDE_TEST_REDIS_URL pointing at running servers):
 * <pre>
 * mvn -q -DskipTests package
 * java -cp benchmarks/target/benchmarks.jar io.aside.benchmarks.LoadRun
 * java -cp benchmarks/target/benchmarks.jar io.aside.benchmarks.LoadRun --threads=16 --duration=5 --warmup=2 --models=1000 --categories=10
 * </pre>
 * Each flag may also be given as a system property ({@code -Dbench.threads=16}). Everything is on
 * loopback; the client, both service instances, MariaDB and Redis share the machine's cores, so the
 * ratios, not the absolute numbers, are the result. Latency is measured closed-loop (each thread sends
 * its next request when the previous one answers): it is latency at saturation, not under a fixed
 * arrival rate.
 */
public final class LoadRun {
    /*
     * The claim is 1.5x, and on the 2-core development machine it holds with a thin margin: six runs in
     * which Redis kept up gave 1.51-1.80x for GET by id (1.42-1.49x for list pages, not part of the
     * claim). On a busy machine Redis calls overrun the service's 50 ms timeout, its circuit breaker
     * sheds the cache, "cached" reads come from MariaDB and the run fails on X-Cache, as it should. The
     * margin is thin because everything shares two cores and both instances pay the same HTTP and
     * JSON costs: a cached read still costs ~5x the ceiling's 400, while MariaDB answers a primary-key
     * lookup from its buffer pool over loopback in a fraction of a millisecond. It is not lowered to
     * make the run pass: below 1.5x the cache would not be earning its keep, and a failing run says
     * so (or says that the machine was busy: see the load average it prints).
     */
    static final double MIN_CACHED_SPEEDUP = 1.5;

    private static final InvalidationOutbox NOTHING_PENDING = new InvalidationOutbox() {
        @Override
        public List<PendingInvalidation> pending(int limit) {
            return List.of();
        }

        @Override
        public void delivered(Collection<Long> ids) {}
    };

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final long HIGHEST_TRACKABLE_NANOS = Duration.ofSeconds(60).toNanos();
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final int threads;
    private final Duration duration;
    private final Duration warmup;
    private final int models;
    private final int categories;
    private double loadAtStart;

    private LoadRun(int threads, Duration duration, Duration warmup, int models, int categories) {
        if (threads < 1 || threads > 256) throw new IllegalArgumentException("--threads must be 1..256");
        if (models < 1 || models > 100_000) throw new IllegalArgumentException("--models must be 1..100000");
        if (categories < 1 || categories > models) throw new IllegalArgumentException("--categories must be 1..models");
        if (duration.isZero() || duration.compareTo(Duration.ofMinutes(10)) > 0) throw new IllegalArgumentException("--duration must be 1..600 s");
        if (warmup.isNegative() || warmup.compareTo(Duration.ofMinutes(10)) > 0) throw new IllegalArgumentException("--warmup must be 0..600 s");
        this.threads = threads;
        this.duration = duration;
        this.warmup = warmup;
        this.models = models;
        this.categories = categories;
    }

    public static void main(String[] args) {
        LoadRun run;
        try {
            run = new LoadRun(intFlag(args, "threads", 16), Duration.ofSeconds(intFlag(args, "duration", 5)),
                    Duration.ofSeconds(intFlag(args, "warmup", 2)), intFlag(args, "models", 1000), intFlag(args, "categories", 10));
        } catch (IllegalArgumentException e) {
            System.out.println("LoadRun: " + e.getMessage());
            System.exit(2);
            return;
        }
        int exit;
        try {
            exit = run.run();
        } catch (RuntimeException | ExceptionInInitializerError e) { // the latter: TestServers could not provision a server
            Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
            cause.printStackTrace();
            System.out.println("CLAIM FAILED: the load run could not complete: " + cause);
            exit = 1;
        }
        System.exit(exit); // also stops the throw-away servers (their shutdown hooks)
    }

    private int run() {
        long begin = System.nanoTime();
        loadAtStart = RunJmh.loadAverage();
        // HttpURLConnection keeps at most 5 idle connections per host by default: the other threads would
        // reconnect on every request and measure TCP set-up instead of the service.
        System.setProperty("http.maxConnections", Integer.toString(Math.max(threads * 2, 5)));
        System.out.printf(Locale.ROOT, "LoadRun: %d client threads, %d s measured per scenario after %d s warm-up, %d models in %d categories, %d cores%n",
                threads, duration.toSeconds(), warmup.toSeconds(), models, categories, Runtime.getRuntime().availableProcessors());

        long t = System.nanoTime();
        try (MariaDbServer db = mariaDb(); RedisServer redis = redis()) {
            AsideConfig config = new AsideConfig(0, db.freshDatabaseUrl(), db.user(), db.password(), redis.url(), Duration.ofHours(1),
                    redis.freshNamespace());
            System.out.printf(Locale.ROOT, "servers: MariaDB %s:%d, Redis %s (%.1f s)%n", db.host(), db.port(), redis.url(), seconds(t));

            t = System.nanoTime();
            Module noCache = binder -> {
                PassThroughCache passThrough = new PassThroughCache();
                binder.bind(CachePort.class).toInstance(passThrough);
                // Every instance relays the shared outbox to its cache; this one's "delivery" would be a no-op
                // that marks real invalidations delivered before the Redis instance got them. It relays nothing.
                binder.bind(OutboxRelay.class).toInstance(new OutboxRelay(NOTHING_PENDING, passThrough, new CacheGate(), CacheMetrics.NONE));
            };
            try (AsideService cached = AsideService.start(config);
                 AsideService uncached = AsideService.start(config, List.of(noCache))) {
                System.out.printf(Locale.ROOT, "started: cached instance on :%d (Redis), uncached instance on :%d (pass-through cache), same database (%.1f s)%n",
                        cached.port(), uncached.port(), seconds(t));
                return measure(base(cached.port()), base(uncached.port()), begin);
            }
        }
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

    private int measure(String cachedBase, String uncachedBase, long begin) {
        long t = System.nanoTime();
        List<Long> ids = seed(cachedBase);
        System.out.printf(Locale.ROOT, "seeded %d models over HTTP (%.1f s)%n", ids.size(), seconds(t));

        List<URL> cachedById = new ArrayList<>();
        List<URL> uncachedById = new ArrayList<>();
        for (long id : ids) {
            cachedById.add(url(cachedBase + "/models/" + id));
            uncachedById.add(url(uncachedBase + "/models/" + id));
        }
        List<URL> cachedLists = new ArrayList<>();
        List<URL> uncachedLists = new ArrayList<>();
        for (int c = 0; c < categories; c++) {
            String query = "/models?category=" + URLEncoder.encode(category(c), StandardCharsets.UTF_8) + "&limit=20";
            cachedLists.add(url(cachedBase + query));
            uncachedLists.add(url(uncachedBase + query));
        }
        t = System.nanoTime();
        int warmed = fillCaches(cachedById) + fillCaches(cachedLists);
        System.out.printf(Locale.ROOT, "filled the cache: %d reads (%.1f s)%n", warmed, seconds(t));

        List<Scenario> scenarios = List.of(
                new Scenario("GET /models/{id}", "cached", cachedById, 200, "HIT"),
                new Scenario("GET /models/{id}", "uncached", uncachedById, 200, "MISS"),
                new Scenario("GET /models?category&limit=20", "cached", cachedLists, 200, "HIT"),
                new Scenario("GET /models?category&limit=20", "uncached", uncachedLists, 200, "MISS"),
                new Scenario("GET /models/abc (400)", "ceiling", List.of(url(cachedBase + "/models/abc")), 400, null));

        t = System.nanoTime();
        if (!warmup.isZero()) {
            for (Scenario s : scenarios) drive(s, warmup, false);
            System.out.printf(Locale.ROOT, "warm-up: every scenario unrecorded for %d s (%.1f s)%n", warmup.toSeconds(), seconds(t));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Scenario s : scenarios) {
            drive(s, Duration.ofMillis(500), false); // settle: connections to this instance open, pools busy
            System.out.printf(Locale.ROOT, "%s measuring %s%n", LocalTime.now().format(CLOCK), s.label());
            outcomes.add(drive(s, duration, true));
        }
        int exit = report(outcomes, seconds(begin));
        printCacheCounters(cachedBase);
        return exit;
    }

    /**
     * What the cached instance's own /metrics and /health say: hits, misses, cache errors, bypasses.
     * Explains a run whose "cached" responses were not hits (a cache timing out under load, say).
     */
    private static void printCacheCounters(String base) {
        try {
            System.out.println();
            System.out.println("cached instance, /health: " + fetch(url(base + "/health")).replaceAll("\\s+", " "));
            System.out.println("cached instance, /metrics (aside_cache_* series that are not zero, totals over the whole run):");
            for (String line : fetch(url(base + "/metrics")).split("\n")) {
                if (!line.startsWith("aside_cache") || line.contains("_bucket") || line.contains("_max")) continue;
                String value = line.substring(line.lastIndexOf(' ') + 1);
                if (!value.equals("0.0") && !value.equals("0")) System.out.println("  " + line);
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("(could not read the cached instance's /health or /metrics: " + e + ")");
        }
    }

    private static String fetch(URL url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        c.setReadTimeout(READ_TIMEOUT_MILLIS);
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            return status + " " + (in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    // ---------------------------------------------------------------- load

    record Scenario(String request, String instance, List<URL> targets, int expectedStatus, String expectedXCache) {
        String label() {
            return request + " " + instance;
        }
    }

    record Outcome(Scenario scenario, long requests, double seconds, Histogram latency, long errors, long wrongCache,
                   String firstProblem) {
        double throughput() {
            return requests / seconds;
        }

        double p50Millis() {
            return latency.getValueAtPercentile(50) / 1e6;
        }

        double p99Millis() {
            return latency.getValueAtPercentile(99) / 1e6;
        }

        double maxMillis() {
            return latency.getMaxValue() / 1e6;
        }
    }

    /** {@code threads} closed-loop clients on the scenario for {@code length}; measured or not. */
    private Outcome drive(Scenario scenario, Duration length, boolean recorded) {
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Client> clients = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Client client = new Client(scenario, end);
            clients.add(client);
            Thread thread = new Thread(client, "load-" + i);
            thread.setDaemon(true);
            running.add(thread);
            thread.start();
        }
        long joinDeadline = end + Duration.ofMillis(READ_TIMEOUT_MILLIS + CONNECT_TIMEOUT_MILLIS + 1_000).toNanos();
        for (Thread thread : running) {
            try {
                thread.join(Math.max(1, (joinDeadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (thread.isAlive()) throw new IllegalStateException(thread.getName() + " still busy after its time was up: a request hangs");
        }
        Histogram all = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        long requests = 0;
        long errors = 0;
        long wrongCache = 0;
        long lastDone = start;
        String firstProblem = null;
        for (Client c : clients) {
            all.add(c.latency);
            requests += c.requests;
            errors += c.errors;
            wrongCache += c.wrongCache;
            lastDone = Math.max(lastDone, c.lastDone);
            if (firstProblem == null) firstProblem = c.firstProblem;
        }
        Outcome outcome = new Outcome(scenario, requests, (lastDone - start) / 1e9, all, errors, wrongCache, firstProblem);
        if (!recorded && (errors > 0 || wrongCache > 0)) {
            // the measured pass will count them too; say now which phase saw them first
            System.out.printf(Locale.ROOT, "  (warm-up of %s: %d errors, %d wrong X-Cache; first: %s)%n",
                    scenario.label(), errors, wrongCache, firstProblem);
        }
        return outcome;
    }

    /** One client thread: requests until its deadline, timing each one. */
    private static final class Client implements Runnable {
        private final Scenario scenario;
        private final long end;
        private final byte[] buffer = new byte[16 * 1024];
        final Histogram latency = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        long requests;
        long errors;
        long wrongCache;
        long lastDone;
        String firstProblem;

        Client(Scenario scenario, long end) {
            this.scenario = scenario;
            this.end = end;
        }

        @Override
        public void run() {
            List<URL> targets = scenario.targets();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long started;
            while ((started = System.nanoTime()) < end) {
                URL target = targets.get(targets.size() == 1 ? 0 : random.nextInt(targets.size()));
                try {
                    HttpURLConnection c = (HttpURLConnection) target.openConnection();
                    c.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
                    c.setReadTimeout(READ_TIMEOUT_MILLIS);
                    int status = c.getResponseCode();
                    String xCache = c.getHeaderField("X-Cache");
                    drain(status >= 400 ? c.getErrorStream() : c.getInputStream());
                    long done = System.nanoTime();
                    latency.recordValue(Math.min(done - started, HIGHEST_TRACKABLE_NANOS));
                    requests++;
                    lastDone = done;
                    if (status != scenario.expectedStatus()) {
                        errors++;
                        problem("status " + status + " from " + target);
                    } else if (scenario.expectedXCache() != null && !scenario.expectedXCache().equals(xCache)) {
                        wrongCache++;
                        problem("X-Cache " + xCache + " from " + target + ", expected " + scenario.expectedXCache());
                    }
                } catch (IOException | RuntimeException e) {
                    long done = System.nanoTime();
                    requests++;
                    errors++;
                    lastDone = done;
                    problem(e + " from " + target);
                }
            }
        }

        /** Reads the body to its end and closes it, which hands the connection back for keep-alive. */
        private void drain(InputStream body) throws IOException {
            if (body == null) return;
            try (body) {
                while (body.read(buffer) >= 0) {
                    // discard
                }
            }
        }

        private void problem(String what) {
            if (firstProblem == null) firstProblem = what;
        }
    }

    // ---------------------------------------------------------------- set-up

    /** Creates the models over HTTP, {@code threads} at a time; returns their ids. */
    private List<Long> seed(String base) {
        URL create = url(base + "/models");
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        long[] ids = new long[models];
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Thread worker = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < models && failure.get() == null) {
                    try {
                        ids[i] = post(create, "{\"name\":\"model " + i + "\",\"category\":\"" + category(i % categories)
                                + "\",\"attributes\":{\"colour\":\"blue\",\"size\":\"" + i + "\"}}");
                    } catch (IOException | RuntimeException e) {
                        failure.compareAndSet(null, "seeding model " + i + ": " + e);
                    }
                }
            }, "seed-" + w);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        joinAll(workers, Duration.ofSeconds(120));
        if (failure.get() != null) throw new IllegalStateException(failure.get());
        List<Long> result = new ArrayList<>(models);
        for (long id : ids) result.add(id);
        return result;
    }

    private static long post(URL url, String json) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        c.setReadTimeout(READ_TIMEOUT_MILLIS);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        c.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        int status = c.getResponseCode();
        String location = c.getHeaderField("Location");
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            String answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (status != 201 || location == null || !location.startsWith("/models/")) {
                throw new IllegalStateException("POST /models answered " + status + " " + answer);
            }
        }
        return Long.parseLong(location.substring("/models/".length()));
    }

    /** Reads every URL once, {@code threads} at a time, so that the cached scenarios find only hits. */
    private int fillCaches(List<URL> urls) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Thread worker = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                int i;
                while ((i = next.getAndIncrement()) < urls.size() && failure.get() == null) {
                    try {
                        HttpURLConnection c = (HttpURLConnection) urls.get(i).openConnection();
                        c.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
                        c.setReadTimeout(READ_TIMEOUT_MILLIS);
                        int status = c.getResponseCode();
                        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                            while (in != null && in.read(buffer) >= 0) {
                                // discard
                            }
                        }
                        if (status != 200) failure.compareAndSet(null, "GET " + urls.get(i) + " answered " + status);
                    } catch (IOException | RuntimeException e) {
                        failure.compareAndSet(null, "GET " + urls.get(i) + ": " + e);
                    }
                }
            }, "fill-" + w);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        joinAll(workers, Duration.ofSeconds(120));
        if (failure.get() != null) throw new IllegalStateException(failure.get());
        return urls.size();
    }

    private static void joinAll(List<Thread> workers, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (worker.isAlive()) throw new IllegalStateException(worker.getName() + " did not finish within " + budget);
        }
    }

    // ---------------------------------------------------------------- report

    private int report(List<Outcome> outcomes, double totalSeconds) {
        System.out.println();
        System.out.printf(Locale.ROOT, "== LoadRun: %d client threads, %d s per scenario, loopback, HttpURLConnection keep-alive ==%n",
                threads, duration.toSeconds());
        System.out.printf(Locale.ROOT, "%-42s %9s %9s %8s %8s %8s %7s %7s%n",
                "scenario", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "X-Cache");
        for (Outcome o : outcomes) {
            String xCache = o.scenario().expectedXCache() == null ? "-"
                    : o.wrongCache() == 0 ? "all " + o.scenario().expectedXCache() : o.wrongCache() + " not " + o.scenario().expectedXCache();
            System.out.printf(Locale.ROOT, "%-42s %9d %9.0f %8.2f %8.2f %8.2f %7d %7s%n", o.scenario().label(), o.requests(),
                    o.throughput(), o.p50Millis(), o.p99Millis(), o.maxMillis(), o.errors(), xCache);
        }
        Outcome getCached = outcomes.get(0);
        Outcome getUncached = outcomes.get(1);
        Outcome listCached = outcomes.get(2);
        Outcome listUncached = outcomes.get(3);
        Outcome ceiling = outcomes.get(4);
        System.out.println();
        System.out.println("ratios (throughput: higher is better for the first; p50: below 1 means the first is faster)");
        ratios("GET /models/{id}  cached/uncached", getCached, getUncached);
        ratios("GET /models?...   cached/uncached", listCached, listUncached);
        ratios("GET /models/{id}  cached/ceiling ", getCached, ceiling);
        ratios("GET /models?...   cached/ceiling ", listCached, ceiling);
        System.out.printf(Locale.ROOT, "run time: %.1f s; machine: %d cores, load average %.2f before the run, %.2f at its end (its own threads included)%n",
                totalSeconds, Runtime.getRuntime().availableProcessors(), loadAtStart, RunJmh.loadAverage());

        List<String> failures = new ArrayList<>();
        double speedup = getCached.throughput() / getUncached.throughput();
        if (!(speedup >= MIN_CACHED_SPEEDUP)) {
            failures.add(String.format(Locale.ROOT, "cached GET /models/{id} throughput is %.2fx uncached, the claim is at least %.1fx",
                    speedup, MIN_CACHED_SPEEDUP));
        }
        for (Outcome o : outcomes) {
            if (o.errors() > 0) failures.add(o.errors() + " errors in " + o.scenario().label() + ", first: " + o.firstProblem());
            if (o.wrongCache() > 0) failures.add(o.wrongCache() + " responses in " + o.scenario().label()
                    + " did not come from the intended path, first: " + o.firstProblem());
            if (o.requests() == 0) failures.add("no request completed in " + o.scenario().label());
        }
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.out.println("CLAIM FAILED: " + f));
            return 1;
        }
        System.out.printf(Locale.ROOT, "CLAIM HOLDS: cached GET /models/{id} serves %.2fx the uncached throughput (at least %.1fx), no errors%n",
                speedup, MIN_CACHED_SPEEDUP);
        return 0;
    }

    private static void ratios(String label, Outcome first, Outcome second) {
        System.out.printf(Locale.ROOT, "  %s  throughput %5.2fx   p50 %5.2fx%n", label,
                first.throughput() / second.throughput(), first.p50Millis() / second.p50Millis());
    }

    // ---------------------------------------------------------------- small things

    private static String category(int c) {
        return "category-" + c;
    }

    private static String base(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static URL url(String spec) {
        try {
            return new URL(spec);
        } catch (IOException e) {
            throw new IllegalArgumentException(spec, e);
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    /** {@code --name=value} on the command line, else the system property {@code bench.name}, else the default. */
    private static int intFlag(String[] args, String name, int fallback) {
        String value = System.getProperty("bench." + name);
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) value = arg.substring(name.length() + 3);
            else if (!arg.matches("--(threads|duration|warmup|models|categories)=.*")) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; flags: --threads=N --duration=SECONDS --warmup=SECONDS --models=N --categories=N");
            }
        }
        if (value == null) return fallback;
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + value + "'");
        }
    }
}
