package io.aside.bootstrap.faults;

import static io.aside.bootstrap.e2e.ModelJson.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.bootstrap.AsideService;
import io.aside.bootstrap.e2e.Services;
import io.aside.domain.port.InvalidationOutbox;
import io.aside.testing.ApiClient;
import io.aside.testing.HttpReply;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis out of memory under {@code maxmemory} with {@code noeviction} (README, "Redis memory"):
 * it refuses every write. Cached entries must still be served, reads of anything else must answer
 * from the database without errors, and a write's invalidation must still delete and bump — all
 * of it, nothing half-applied — or the replaced value would outlive the write. None of it is an
 * outage: the circuit breaker stays closed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisFullTest {
    private static final String JUNK = "x".repeat(100_000);

    private static RedisServer redis;
    private static AsideService service;
    private static ApiClient http;

    @BeforeAll
    static void boot() {
        redis = TestServers.dedicatedRedis();
        service = AsideService.start(Services.productionConfigOn(TestServers.mariaDb(), redis));
        http = new ApiClient(service.port());
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
        if (redis != null) redis.close();
    }

    @Test
    void givenRedisFullWithNoEviction_whenReadingAndWriting_thenHitsServedWritesInvalidatedAndNothingBreaks() {
        long cached = http.post("/models", model("cached", "full")).json().get("id").asLong();
        long uncached = http.post("/models", model("never read", "full")).json().get("id").asLong();
        http.get("/models/" + cached);
        http.list("full", 10);
        assertThat(http.get("/models/" + cached).header("X-Cache")).isEqualTo("HIT");
        assertThat(http.list("full", 10).header("X-Cache")).isEqualTo("HIT");

        fillRedisUntilItRefusesWrites();

        HttpReply hit = http.get("/models/" + cached);
        assertThat(hit.status()).isEqualTo(200);
        assertThat(hit.header("X-Cache")).as("a full cache still serves what it holds").isEqualTo("HIT");
        HttpReply miss = http.get("/models/" + uncached);
        assertThat(miss.status()).isEqualTo(200);
        assertThat(miss.header("X-Cache")).isEqualTo("MISS");

        HttpReply updated = http.put("/models/" + cached, "{\"name\":\"renamed\",\"category\":\"full\",\"attributes\":{},\"version\":1}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(http.get("/models/" + cached).json().get("name").asText()).as("the model key was deleted").isEqualTo("renamed");
        assertThat(http.list("full", 10).json().get("items").findValuesAsText("name"))
                .as("the category moved to a new generation").contains("renamed").doesNotContain("cached");
        assertThat(service.instance(InvalidationOutbox.class).oldestPending()).as("delivered, not left in the outbox").isEmpty();
        assertThat(CacheBreaker.of(service).isShedding()).as("a full Redis is not an outage").isFalse();
        assertThat(http.get("/health").json().at("/components/cache/status").asText()).isEqualTo("UP");
    }

    private static void fillRedisUntilItRefusesWrites() {
        long used = Long.parseLong(redis.command("INFO", "memory").lines().filter(line -> line.startsWith("used_memory:"))
                .findFirst().orElseThrow().substring("used_memory:".length()).strip());
        redis.command("CONFIG", "SET", "maxmemory-policy", "noeviction");
        redis.command("CONFIG", "SET", "maxmemory", Long.toString(used + 2_000_000));
        for (int i = 0; ; i++) {
            try {
                redis.command("SET", "junk:" + i, JUNK);
            } catch (IllegalStateException refused) {
                assertThat(refused).hasMessageContaining("OOM");
                return;
            }
            if (i > 1000) throw new AssertionError("Redis never refused a write");
        }
    }
}
