package io.aside.bootstrap.faults;

import static io.aside.bootstrap.faults.Requests.assertHealth;
import static io.aside.bootstrap.faults.Requests.assertModel;
import static io.aside.bootstrap.faults.Requests.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aside.bootstrap.AsideService;
import io.aside.bootstrap.e2e.Figures;
import io.aside.bootstrap.e2e.Services;
import io.aside.cache.CircuitBreakerSettings;
import io.aside.cache.NearCacheSettings;
import io.aside.cache.RedisSettings;
import io.aside.testing.ApiClient;
import io.aside.testing.HttpReply;
import io.aside.testing.RedisServer;
import io.aside.testing.Scrape;
import io.aside.testing.TestServers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One Redis outage, told in order: the service is warmed up (models cached), its own Redis is
 * broken for real, reads/writes/lists/health are checked during the outage, then Redis is repaired
 * and the service must find it again by itself. Subclasses say how Redis breaks and comes back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RedisOutageScenario {
    static final int READS = 200;
    /**
     * What Redis may cost one request is bounded by configuration: at worst a pool wait (50 ms), a
     * connect (100 ms), a handshake and a script (50 ms each); in practice one or two 50 ms timeouts.
     * Twice the configured worst case leaves room for a loaded CI machine, and still fails on any
     * unbounded wait (Jedis' default 2 s timeout, TCP retransmissions).
     */
    static final Duration P99_BOUND = Duration.ofMillis(500);
    /**
     * With the breaker open no request touches Redis: what is left is a primary-key read and HTTP,
     * a few ms; half of one command timeout leaves room for a loaded machine.
     */
    static final Duration OPEN_MEDIAN_BOUND = Duration.ofMillis(25);
    /** Breaker wait (5 s) + probes, with room; the issue asks for recovery within about 15 s. */
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(15);

    RedisServer redis;
    AsideService service;
    ApiClient http;
    CacheBreaker breaker;
    SeededModels seeded;
    OutageReads outageReads;

    abstract void breakRedis(RedisServer server);

    abstract void repairRedis(RedisServer server);

    @BeforeAll
    void warmUpThenBreakRedis() {
        redis = TestServers.dedicatedRedis();
        service = AsideService.start(Services.productionConfigOn(TestServers.mariaDb(), redis));
        http = new ApiClient(service.port());
        breaker = CacheBreaker.of(service);
        seeded = SeededModels.create(http);
        assertHealth(http, 200, "UP", "UP", "UP");
        letTheSeedingLeaveTheBreakerWindow();
        breakRedis(redis);
        awaitNearCacheStopped();
    }

    /**
     * The near cache answers from memory for as long as its serving lease lasts (DESIGN §3.3), which
     * an outage does not end before its time: the outage reads begin once reads reach Redis again.
     */
    private void awaitNearCacheStopped() {
        await().atMost(NearCacheSettings.DEFAULT_SERVING_LEASE.plusSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> http.get("/metrics").text().contains("aside_near_cache_serving 0.0"));
    }

    /**
     * The breaker opens once half the calls of its last 5 s failed. The seeding just made hundreds
     * of successful calls in a burst, which steady traffic would not: let them age out of the window,
     * so that the outage reads meet the breaker as a service under steady load would.
     */
    private static void letTheSeedingLeaveTheBreakerWindow() {
        try {
            Thread.sleep(CircuitBreakerSettings.defaults().window().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterAll
    void shutDown() {
        if (service != null) service.close();
        if (redis != null) redis.close();
    }

    @Test
    @Order(1)
    void givenRedisOutage_whenReadingCachedModels_thenAnswersFromDatabaseWithinBoundedLatency() {
        outageReads = OutageReads.run(http, breaker, seeded.cached, READS);
        Figures.report("Redis outage", "%s, %d sequential GETs of cached models: %s", getClass().getSimpleName(), READS, outageReads);

        assertThat(outageReads.all.p99()).isLessThan(P99_BOUND);
        // It opens once half of the calls of its 5 s window failed: the seeding's successful calls, made
        // just before the outage, are in that window too, so it takes a few dozen requests here (and
        // milliseconds under real traffic).
        assertThat(outageReads.firstRequestWhileOpen).as("requests before the breaker opened").isBetween(1, 80);
        assertThat(outageReads.whileOpen.median()).isLessThan(OPEN_MEDIAN_BOUND);
        assertThat(http.get("/metrics").text()).as("the breaker is visible to operators").contains("aside_cache_breaker_open 1.0");
    }

    @Test
    @Order(3)
    void givenRedisOutage_whenWriting_thenWritesSucceedAndReadsShowThem() {
        long start = System.nanoTime();
        JsonNode created = Requests.create(http, "created during outage", "writes");
        Duration answered = Duration.ofNanos(System.nanoTime() - start);
        Figures.report("Redis outage", "%s: a create answered after %d ms (its invalidation undeliverable: the near caches' serving lease"
                + " waited out)", getClass().getSimpleName(), answered.toMillis());
        assertThat(answered).as("at most both delivery attempts and one serving lease")
                .isLessThan(NearCacheSettings.DEFAULT_SERVING_LEASE.plus(RedisSettings.DEFAULT_WRITE_TIMEOUT).plusSeconds(1));
        assertModel(http.get(path(created)), created, "MISS");

        HttpReply updated = http.put(path(seeded.toUpdate), Requests.updateBody("updated during outage", "writes", 1));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("version").asLong()).isEqualTo(2);
        assertModel(http.get(path(seeded.toUpdate)), updated.json(), "MISS");
        seeded.toUpdate = updated.json();

        assertThat(http.delete(path(seeded.toDelete)).status()).isEqualTo(204);
        assertThat(http.get(path(seeded.toDelete)).status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void givenRedisOutage_whenListing_thenTheDatabaseAnswers() {
        HttpReply page = http.list(SeededModels.LISTED, 10);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("X-Cache")).isEqualTo("MISS");
        assertThat(page.json().get("items")).containsExactlyElementsOf(seeded.listed);
    }

    @Test
    @Order(5)
    void givenRedisOutage_whenHealthAsked_thenDegradedWithCacheDownAndDatabaseUp() {
        assertHealth(http, 200, "DEGRADED", "UP", "DOWN");
    }

    /** The three writes of the outage wait in the outbox, older with every pass, and reads may be as stale as the relays' bound. */
    @Test
    @Order(5)
    void givenRedisOutage_whenMetricsScraped_thenTheBacklogAndTheStaleBoundShowIt() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Scrape scrape = Scrape.of(http);
            assertThat(scrape.sum("aside_outbox_backlog")).isGreaterThanOrEqualTo(3);
            assertThat(scrape.sum("aside_outbox_oldest_age_seconds")).isPositive();
            assertThat(scrape.sum("aside_stale_bound_seconds")).isGreaterThanOrEqualTo(0.5);
            assertThat(scrape.sum("aside_cache_trusted")).isZero();
        });
    }

    @Test
    @Order(6)
    void givenRedisRepaired_whenReading_thenCacheHitsAgainAndHealthUpByItself() {
        repairRedis(redis);
        long start = System.nanoTime();

        await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            // Every model is read on every poll (and filled if it missed), then all must have hit.
            List<HttpReply> reads = seeded.cached.stream().map(model -> http.get(path(model))).toList();
            for (int i = 0; i < reads.size(); i++) assertModel(reads.get(i), seeded.cached.get(i), "HIT");
            assertHealth(http, 200, "UP", "UP", "UP");
        });
        Figures.report("Redis outage", "%s: cache hits and /health UP again %d ms after Redis was repaired", getClass().getSimpleName(),
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        assertThat(breaker.isShedding()).isFalse();
        assertThat(http.get("/metrics").text()).contains("aside_cache_breaker_open 0.0");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Scrape scrape = Scrape.of(http);
            assertThat(scrape.sum("aside_outbox_backlog")).isZero();
            assertThat(scrape.sum("aside_stale_bound_seconds")).isZero();
            assertThat(scrape.sum("aside_cache_trusted")).isEqualTo(1);
            assertThat(scrape.sum("aside_invalidation_lag_seconds_count", "path=\"relay\"")).as("the outage's writes, replayed").isGreaterThanOrEqualTo(3);
        });
        http.get(path(seeded.toUpdate));
        assertModel(http.get(path(seeded.toUpdate)), seeded.toUpdate, "HIT");
        assertThat(http.get(path(seeded.toDelete)).status()).isEqualTo(404);
    }
}
