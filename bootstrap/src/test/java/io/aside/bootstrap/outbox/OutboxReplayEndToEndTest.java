package io.aside.bootstrap.outbox;

import static io.aside.bootstrap.e2e.ModelJson.model;
import static io.aside.domain.model.ModelFixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aside.bootstrap.e2e.Figures;
import io.aside.bootstrap.e2e.Services;
import io.aside.bootstrap.e2e.WriterAndReader;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.InvalidationOutbox;
import io.aside.domain.port.ModelRepository;
import io.aside.domain.port.WriteResult;
import io.aside.testing.ApiClient;
import io.aside.testing.HttpReply;
import io.aside.testing.RedisServer;
import io.aside.testing.Scrape;
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
        for (ApiClient instance : instances()) assertConsistent(Scrape.of(instance));
        Lags relayedBefore = Lags.of("relay");

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
            assertOperatorsSeeTheBacklogGrow();
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

        Lags relayed = Lags.of("relay").since(relayedBefore);
        assertThat(relayed.count()).as("invalidations the relays delivered, with their lag").isGreaterThanOrEqualTo(6);
        assertThat(relayed.mean()).as("their lag spans the freeze").isGreaterThan(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (ApiClient instance : instances()) assertConsistent(Scrape.of(instance));
        });
        Lags writtenBefore = Lags.of("writer");
        for (long id : ids) {
            services.writerHttp().put("/models/" + id, "{\"name\":\"v3\",\"category\":\"frozen\",\"attributes\":{},\"version\":2}");
        }
        Lags written = Lags.of("writer").since(writtenBefore);
        assertThat(written.count()).isEqualTo(ids.size());
        assertThat(written.mean()).as("once Redis answers, writers deliver their own at once").isLessThan(Duration.ofMillis(250));
        Figures.report("consistency metrics", "Redis frozen during %d writes: backlog rose to %.0f, its oldest %.1f s old, stale bound %.2f s; "
                        + "%.0f replayed with mean lag %d ms; after: backlog 0, stale bound 0, %d writes delivered with mean lag %.1f ms",
                ids.size() + 1, peak[0], peak[1], peak[2], relayed.count(), relayed.mean().toMillis(), ids.size(), written.mean().toNanos() / 1e6);
    }

    /** The backlog, its oldest age and the stale bound as operators saw them at their highest, for the figure. */
    private static final double[] peak = new double[3];

    /** Both relays find what waits in the shared outbox; it ages while Redis stays frozen. */
    private static void assertOperatorsSeeTheBacklogGrow() {
        double[] firstAge = new double[1];
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            for (ApiClient instance : instances()) {
                Scrape scrape = Scrape.of(instance);
                assertThat(scrape.sum("aside_outbox_backlog")).isGreaterThanOrEqualTo(6);
                assertThat(scrape.sum("aside_stale_bound_seconds")).as("the relays' bound").isGreaterThanOrEqualTo(0.5);
            }
            firstAge[0] = Scrape.of(services.writerHttp()).sum("aside_outbox_oldest_age_seconds");
        });
        assertThat(Scrape.of(services.writerHttp()).sum("aside_cache_trusted")).isZero();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Scrape.of(services.writerHttp()).sum("aside_outbox_oldest_age_seconds")).isGreaterThan(firstAge[0] + 0.2));
        Scrape atPeak = Scrape.of(services.writerHttp());
        peak[0] = atPeak.sum("aside_outbox_backlog");
        peak[1] = atPeak.sum("aside_outbox_oldest_age_seconds");
        peak[2] = atPeak.sum("aside_stale_bound_seconds");
    }

    /** Healthy: nothing waits, nothing can be stale. */
    private static void assertConsistent(Scrape scrape) {
        assertThat(scrape.sum("aside_outbox_backlog")).isZero();
        assertThat(scrape.sum("aside_outbox_oldest_age_seconds")).isZero();
        assertThat(scrape.sum("aside_stale_bound_seconds")).isZero();
        assertThat(scrape.sum("aside_cache_trusted")).isEqualTo(1);
    }

    /** The invalidation lag histogram's count and sum over both instances, for one delivery path. */
    private record Lags(double count, double seconds) {
        static Lags of(String path) {
            double count = 0;
            double seconds = 0;
            for (ApiClient instance : instances()) {
                Scrape scrape = Scrape.of(instance);
                count += scrape.sum("aside_invalidation_lag_seconds_count", "path=\"" + path + "\"");
                seconds += scrape.sum("aside_invalidation_lag_seconds_sum", "path=\"" + path + "\"");
            }
            return new Lags(count, seconds);
        }

        Lags since(Lags before) {
            return new Lags(count - before.count, seconds - before.seconds);
        }

        Duration mean() {
            return Duration.ofNanos((long) (seconds / count * 1e9));
        }
    }

    private static List<ApiClient> instances() {
        return List.of(services.writerHttp(), services.readerHttp());
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
        return Scrape.of(instance).sum("aside_cache_invalidations_replayed_total");
    }

    private static InvalidationOutbox outbox() {
        return services.writer().instance(InvalidationOutbox.class);
    }
}
