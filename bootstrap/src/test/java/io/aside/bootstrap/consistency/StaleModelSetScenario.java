package io.aside.bootstrap.consistency;

import static io.aside.bootstrap.e2e.ModelJson.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.bootstrap.consistency.CacheProbe.Peeked.Kind;
import io.aside.bootstrap.e2e.Figures;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.model.ModelId;
import io.aside.testing.HttpReply;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DESIGN §3, "no stale set", forced deterministically: a reader on instance A has loaded the old
 * row (or "not found") and is held before its fill; a writer on instance B commits and invalidates;
 * the reader's fill must then be refused, so both instances serve the write. On one Redis
 * ({@link StaleModelSetTest}), on a Redis Cluster ({@link StaleModelSetOnRedisClusterTest}) and on
 * memcached ({@link StaleModelSetOnMemcachedTest}).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class StaleModelSetScenario {
    private static final String REFUSED = "aside_cache_fills_refused_total";
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final TwoInstances services;

    StaleModelSetScenario(TwoInstances services) {
        this.services = services;
    }

    @Test
    void givenReaderHoldingTheOldRow_whenUpdatedOnOtherInstanceBeforeItFills_thenFillRefusedAndBothServeTheUpdate() {
        ModelId id = create("before");
        double refusedBefore = services.a().counter(REFUSED, "model");

        HttpReply stale = raceReaderOnAWith(id, () -> {
            HttpReply updated = services.b().http().put("/models/" + id,
                    "{\"name\":\"after\",\"category\":\"stale\",\"attributes\":{},\"version\":1}");
            assertThat(updated.status()).isEqualTo(200);
        });

        Figures.report(services.figure("stale race"), "model read v1 / update to v2 committed / fill of v1: refused %.0f, key left %s",
                services.a().counter(REFUSED, "model") - refusedBefore, services.probe().peek(new ModelKey(id)).kind());
        assertThat(stale.json().get("version").asLong()).as("the held reader answers the row it read").isEqualTo(1);
        assertThat(services.a().counter(REFUSED, "model") - refusedBefore).isEqualTo(1);
        assertThat(services.probe().peek(new ModelKey(id)).kind()).as("the old row was not set").isEqualTo(Kind.EMPTY);
        for (Instance instance : services.both()) {
            HttpReply read = instance.http().get("/models/" + id);
            assertThat(read.json().get("name").asText()).as("name on %s", instance).isEqualTo("after");
            assertThat(read.header("ETag")).as("ETag on %s", instance).isEqualTo("\"2\"");
        }
    }

    @Test
    void givenReaderHoldingTheRow_whenDeletedOnOtherInstanceBeforeItFills_thenFillRefusedAndBothAnswerNotFound() {
        ModelId id = create("doomed");
        double refusedBefore = services.a().counter(REFUSED, "model");

        HttpReply stale = raceReaderOnAWith(id, () -> assertThat(services.b().http().delete("/models/" + id).status()).isEqualTo(204));

        assertThat(stale.status()).isEqualTo(200);
        assertThat(services.a().counter(REFUSED, "model") - refusedBefore).isEqualTo(1);
        assertThat(services.probe().peek(new ModelKey(id)).kind()).isEqualTo(Kind.EMPTY);
        for (Instance instance : services.both()) {
            assertThat(instance.http().get("/models/" + id).status()).as("status on %s", instance).isEqualTo(404);
        }
    }

    @Test
    void givenReaderHoldingNotFound_whenThatIdIsCreatedOnOtherInstanceBeforeItFills_thenTombstoneRefusedAndBothServeTheModel() {
        ModelId next = new ModelId(create("previous").value() + 1); // ids are assigned in order and nobody else writes here
        double refusedBefore = services.a().counter(REFUSED, "model");

        HttpReply notYet = raceReaderOnAWith(next, () -> assertThat(create("newcomer")).isEqualTo(next));

        assertThat(notYet.status()).as("the held reader answers what it read").isEqualTo(404);
        assertThat(services.a().counter(REFUSED, "model") - refusedBefore).isEqualTo(1);
        assertThat(services.probe().peek(new ModelKey(next)).kind()).as("no tombstone was set").isEqualTo(Kind.EMPTY);
        for (Instance instance : services.both()) {
            HttpReply read = instance.http().get("/models/" + next);
            assertThat(read.status()).as("status on %s", instance).isEqualTo(200);
            assertThat(read.json().get("name").asText()).isEqualTo("newcomer");
        }
    }

    /**
     * DESIGN §3.1: readers in one process share one load, but not across a write. A reader on A that
     * arrives after B's update answered, while A's first reader is still holding the old row, must
     * not take that old row: it gets the update.
     */
    @Test
    void givenReaderHoldingTheOldRow_whenAnotherReaderOnThatInstanceArrivesAfterTheUpdateAnswered_thenItGetsTheUpdate() {
        ModelId id = create("first");
        LoadGate gate = services.a().repository().holdNextLoadOf(id);
        Background<HttpReply> early = Background.start(() -> services.a().http().get("/models/" + id));
        Background<HttpReply> late;
        try {
            gate.awaitLoaded(BOUND);
            assertThat(services.b().http().put("/models/" + id,
                    "{\"name\":\"second\",\"category\":\"stale\",\"attributes\":{},\"version\":1}").status()).isEqualTo(200);
            late = Background.start(() -> services.a().http().get("/models/" + id));
            pauseForTheLateReaderToJoin();
        } finally {
            gate.release();
        }

        assertThat(early.await(BOUND).json().get("name").asText()).as("the early reader answers what it read").isEqualTo("first");
        assertThat(late.await(BOUND).json().get("name").asText()).as("the reader that came after the update").isEqualTo("second");
    }

    /** Widens the window in which the late reader joins A's held load; the assertion holds however it falls. */
    private static void pauseForTheLateReaderToJoin() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Created on B, the writer's instance. */
    private ModelId create(String name) {
        HttpReply created = services.b().http().post("/models", model(name, "stale"));
        assertThat(created.status()).isEqualTo(201);
        return new ModelId(created.json().get("id").asLong());
    }

    /** A GET on A that has loaded the row and is held before its fill while {@code write} runs; its answer. */
    private HttpReply raceReaderOnAWith(ModelId id, Runnable write) {
        return services.a().readHeldBeforeFill(id, () -> services.a().http().get("/models/" + id), write, BOUND);
    }
}
