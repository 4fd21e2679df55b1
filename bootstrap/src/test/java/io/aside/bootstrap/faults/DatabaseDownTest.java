package io.aside.bootstrap.faults;

import static io.aside.bootstrap.faults.Requests.assertHealth;
import static io.aside.bootstrap.faults.Requests.assertModel;
import static io.aside.bootstrap.faults.Requests.assertUnavailableProblem;
import static io.aside.bootstrap.faults.Requests.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import io.aside.bootstrap.e2e.ModelJson;
import io.aside.bootstrap.e2e.Services;
import io.aside.testing.ApiClient;
import io.aside.testing.HttpReply;
import io.aside.testing.MariaDbServer;
import io.aside.testing.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The service's own MariaDB stopped for real (SIGTERM) while Redis stays up: writes are refused
 * with a retryable 503 and change nothing, cached reads keep answering, and when the database
 * returns the service uses it again without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseDownTest {
    /** A refused request waits for the pool's connection timeout (2 s); with room for a busy machine. */
    static final Duration REFUSAL_BOUND = Duration.ofSeconds(5);
    /** A cached read never asks the database, so it must not wait for the pool's timeout. */
    static final Duration CACHED_READ_BOUND = Duration.ofMillis(250);
    /** The pool retries connections with a backoff of up to 5 s, and a request may be waiting 2 s for one. */
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(15);

    MariaDbServer db;
    AsideConfig config;
    AsideService service;
    ApiClient http;
    JsonNode cached;
    JsonNode uncached;
    List<List<String>> rowsBefore;

    @BeforeAll
    void warmUpThenStopTheDatabase() {
        db = TestServers.dedicatedMariaDb();
        config = Services.productionConfigOn(db, TestServers.redis());
        service = AsideService.start(config);
        http = new ApiClient(service.port());
        cached = Requests.createCached(http, "cached", "kept");
        uncached = Requests.create(http, "never read", "kept");
        assertThat(http.list("kept", 10).status()).isEqualTo(200);
        assertThat(http.list("kept", 10).header("X-Cache")).isEqualTo("HIT");
        rowsBefore = StoredRows.of(config);
        assertThat(rowsBefore).isNotEmpty();
        db.stop();
    }

    @AfterAll
    void shutDown() {
        if (service != null) service.close();
        if (db != null) db.close();
    }

    @Test
    @Order(1)
    void givenDatabaseDown_whenReadingCachedModelAndPage_thenCacheAnswers200WithoutWaiting() {
        HttpReply read = timed("cached GET", () -> http.get(path(cached)), CACHED_READ_BOUND);
        assertModel(read, cached, "HIT");

        HttpReply page = http.list("kept", 10);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("X-Cache")).isEqualTo("HIT");
        assertThat(page.json().get("items")).containsExactly(cached, uncached);
    }

    @Test
    @Order(2)
    void givenDatabaseDown_whenWriting_thenRetryable503Problems() {
        assertUnavailableProblem(timed("POST", () -> http.post("/models", ModelJson.model("new", "kept")), REFUSAL_BOUND));
        assertUnavailableProblem(timed("PUT", () -> http.put(path(cached), Requests.updateBody("changed", "moved", 1)), REFUSAL_BOUND));
        assertUnavailableProblem(timed("DELETE", () -> http.delete(path(uncached)), REFUSAL_BOUND));
    }

    @Test
    @Order(3)
    void givenDatabaseDown_whenReadingUncachedModel_then503NotFoundNorServerError() {
        assertUnavailableProblem(timed("uncached GET", () -> http.get(path(uncached)), REFUSAL_BOUND));
    }

    @Test
    @Order(4)
    void givenDatabaseDown_whenHealthAsked_then503DownWithCacheUp() {
        assertHealth(http, 503, "DOWN", "DOWN", "UP");
    }

    @Test
    @Order(5)
    void givenDatabaseBack_whenUsed_thenNothingChangedDuringTheOutageAndWritesWorkAgain() {
        db.start();
        assertThat(StoredRows.of(config)).isEqualTo(rowsBefore);

        long start = System.nanoTime();
        await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertHealth(http, 200, "UP", "UP", "UP"));
        System.out.printf("DatabaseDownTest: /health UP %d ms after the database answered again%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        assertModel(http.get(path(cached)), cached, "HIT");
        HttpReply updated = http.put(path(cached), Requests.updateBody("changed", "moved", 1));
        assertThat(updated.status()).isEqualTo(200);
        assertModel(http.get(path(cached)), updated.json(), "MISS");
        assertThat(http.post("/models", ModelJson.model("new", "kept")).status()).isEqualTo(201);
        assertThat(http.delete(path(uncached)).status()).isEqualTo(204);
        assertThat(http.list("kept", 10).json().get("items")).hasSize(1);
    }

    private static HttpReply timed(String what, Supplier<HttpReply> request, Duration bound) {
        long start = System.nanoTime();
        HttpReply reply = request.get();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("DatabaseDownTest: %s with the database down answered %d in %d ms%n", what, reply.status(), elapsed.toMillis());
        assertThat(elapsed).as(what + " latency").isLessThan(bound);
        return reply;
    }
}
