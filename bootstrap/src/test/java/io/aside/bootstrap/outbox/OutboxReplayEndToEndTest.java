package io.aside.bootstrap.outbox;

import static io.aside.bootstrap.e2e.ModelJson.model;
import static io.aside.domain.model.ModelFixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aside.bootstrap.e2e.Services;
import io.aside.bootstrap.e2e.WriterAndReader;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.InvalidationOutbox;
import io.aside.domain.port.ModelRepository;
import io.aside.domain.port.WriteResult;
import io.aside.testing.ApiClient;
import io.aside.testing.HttpReply;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No invalidation is lost when Redis blinks: writes record it in the outbox with the row, and the
 * relay of every instance replays it once Redis answers again. Two instances, one real Redis of this
 * class's own that the test freezes with SIGSTOP.
 */
class OutboxReplayEndToEndTest {
    @AutoClose
    private static RedisServer redis;

    @RegisterExtension
    static final WriterAndReader services = new WriterAndReader(() -> {
        redis = TestServers.dedicatedRedis();
        return Services.productionConfigOn(TestServers.mariaDb(), redis);
    });

    @Test
    void givenRedisFrozenDuringWrites_whenItResumes_thenNoStaleValueIsServedAndTheOutboxDrains() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) ids.add(services.writerHttp().post("/models", model("v1-" + i, "frozen")).json().get("id").asLong());
        for (long id : ids) {
            services.writerHttp().get("/models/" + id);
            assertThat(services.readerHttp().get("/models/" + id).header("X-Cache")).isEqualTo("HIT");
        }
        assertThat(services.readerHttp().list("frozen", 20).json().get("items")).hasSize(5);
        assertThat(services.readerHttp().list("frozen", 20).header("X-Cache")).isEqualTo("HIT");

        redis.pause();
        try {
            for (long id : ids) {
                HttpReply updated = services.writerHttp().put("/models/" + id, "{\"name\":\"v2\",\"category\":\"frozen\",\"attributes\":{},\"version\":1}");
                assertThat(updated.status()).isEqualTo(200);
            }
            services.writerHttp().post("/models", model("created while frozen", "frozen"));
            assertThat(outbox().pending(100).entries()).hasSizeGreaterThanOrEqualTo(6);
            // While Redis is frozen, reads fail open to the database: already the new rows.
            for (long id : ids) assertThat(services.readerHttp().get("/models/" + id).json().get("name").asText()).isEqualTo("v2");
        } finally {
            redis.resume();
        }

        // From the moment Redis answers again until the outbox is empty, and after: never the old row.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!outbox().oldestPending().isEmpty() && System.nanoTime() < deadline) {
            assertEveryReadIsCurrent(ids);
        }
        assertThat(outbox().pending(100).entries()).as("outbox drained").isEmpty();
        assertEveryReadIsCurrent(ids);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(services.readerHttp().get("/models/" + ids.get(0)).header("X-Cache")).isEqualTo("HIT");
        });
        assertEveryReadIsCurrent(ids);
        assertThat(replayed(services.writerHttp()) + replayed(services.readerHttp())).as("invalidations replayed by either relay").isGreaterThanOrEqualTo(6);
    }

    @Test
    void givenAWriterThatDiedBeforeDelivering_whenTheRelayRuns_thenTheCachedRowIsReplaced() {
        long id = services.writerHttp().post("/models", model("before crash", "crash")).json().get("id").asLong();
        services.readerHttp().get("/models/" + id);
        assertThat(services.readerHttp().get("/models/" + id).header("X-Cache")).isEqualTo("HIT");

        // Commit through the repository alone, as if the process died right after the commit.
        WriteResult result = services.writer().instance(ModelRepository.class)
                .update(new ModelId(id), 1, draft("after crash", "crash"));
        assertThat(result).isInstanceOf(WriteResult.Updated.class);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(services.readerHttp().get("/models/" + id).json().get("name").asText()).isEqualTo("after crash"));
        assertThat(outbox().pending(100).entries()).isEmpty();
    }

    private static void assertEveryReadIsCurrent(List<Long> ids) {
        for (ApiClient http : List.of(services.writerHttp(), services.readerHttp())) {
            for (long id : ids) {
                HttpReply read = http.get("/models/" + id);
                assertThat(read.status()).isEqualTo(200);
                assertThat(read.json().get("name").asText()).as("model %d (X-Cache %s)", id, read.header("X-Cache")).isEqualTo("v2");
            }
            assertThat(http.list("frozen", 20).json().get("items")).hasSize(6);
        }
    }

    private static double replayed(ApiClient instance) {
        return instance.get("/metrics").text().lines()
                .filter(line -> line.startsWith("aside_cache_invalidations_replayed_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .sum();
    }

    private static InvalidationOutbox outbox() {
        return services.writer().instance(InvalidationOutbox.class);
    }
}
