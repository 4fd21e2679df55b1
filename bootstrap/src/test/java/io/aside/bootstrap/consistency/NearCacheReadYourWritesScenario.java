package io.aside.bootstrap.consistency;

import static io.aside.bootstrap.e2e.ModelJson.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aside.bootstrap.e2e.Figures;
import io.aside.testing.HttpReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Read-your-writes across instances with every key hot in both near caches (DESIGN §3.3): once a
 * write has answered on one instance, a read on the other returns that version or a later one —
 * models, and list pages of the categories it touched. On one Redis ({@link NearCacheReadYourWritesTest})
 * and on a Redis Cluster ({@link NearCacheReadYourWritesOnRedisClusterTest}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class NearCacheReadYourWritesScenario {
    private static final int MODELS = 16;
    private static final Duration RUN = Duration.ofSeconds(5);

    private final TwoInstances services;

    NearCacheReadYourWritesScenario(TwoInstances services) {
        this.services = services;
    }

    @Test
    void givenEveryKeyHotInBothNearCaches_whenWritersAndReadersRace_thenEveryReadAfterAnAnsweredWriteIsThatVersionOrLater() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < MODELS; i++) ids.add(create(services.a(), "hot " + i, "hot"));
        double hitsBefore = nearHits();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Background<Integer>> hotReaders = new ArrayList<>();
        for (Instance instance : services.both()) hotReaders.add(Background.start(() -> keepReading(instance, ids, running)));
        awaitBothServingFromMemory(ids);

        AtomicInteger writes = new AtomicInteger();
        List<String> stale = new ArrayList<>();
        List<Background<Integer>> writers = List.of(
                Background.start(() -> writeThenReadElsewhere(services.a(), services.b(), ids, writes, stale)),
                Background.start(() -> writeThenReadElsewhere(services.b(), services.a(), ids, writes, stale)));
        for (Background<Integer> writer : writers) writer.await(RUN.plusSeconds(20));
        running.set(false);
        for (Background<Integer> reader : hotReaders) reader.await(Duration.ofSeconds(10));

        double nearHits = nearHits() - hitsBefore;
        Figures.report(services.figure("near cache"), "%d writes answered on one instance, each read at once on the other with every key hot in both"
                + " near caches: %d older than the write; %.0f near-cache hits meanwhile", writes.get(), stale.size(), nearHits);
        assertThat(writes.get()).as("writes answered").isGreaterThan(50);
        assertThat(stale).as("reads older than an answered write").isEmpty();
        assertThat(nearHits).as("reads answered from memory during the run").isGreaterThan(1_000);
    }

    @Test
    void givenACategoryPageHotOnB_whenAModelIsCreatedInItOnA_thenBListsItAtOnce() {
        String category = "listed " + System.nanoTime();
        create(services.a(), "first", category);
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 3; i++) services.b().http().list(category, 50); // hot: the last reads come from memory
            long created = create(services.a(), "created " + round, category);

            assertThat(ids(services.b().http().list(category, 50))).as("B's page right after A's create answered").contains(created);
        }
    }

    /** Reads every model on {@code instance} over and over, so that each stays in its near cache; returns how many reads. */
    private static int keepReading(Instance instance, List<Long> ids, AtomicBoolean running) {
        int reads = 0;
        while (running.get()) {
            for (long id : ids) instance.http().get("/models/" + id);
            reads += ids.size();
        }
        return reads;
    }

    /** Updates random models on {@code writer} for {@link #RUN}; after each answer, reads the model on {@code other}. */
    private static int writeThenReadElsewhere(Instance writer, Instance other, List<Long> ids, AtomicInteger writes, List<String> stale) {
        long end = System.nanoTime() + RUN.toNanos();
        int answered = 0;
        while (System.nanoTime() < end) {
            long id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
            HttpReply current = writer.http().get("/models/" + id);
            long expected = current.json().get("version").asLong();
            HttpReply written = writer.http().put("/models/" + id,
                    "{\"name\":\"v" + (expected + 1) + "\",\"category\":\"hot\",\"attributes\":{},\"version\":" + expected + "}");
            if (written.status() != 200) continue; // the other writer got there first
            writes.incrementAndGet();
            answered++;
            long version = written.json().get("version").asLong();
            long seen = other.http().get("/models/" + id).json().get("version").asLong();
            if (seen < version) {
                synchronized (stale) {
                    stale.add("model " + id + ": version " + version + " answered on " + writer + ", then " + other + " read " + seen);
                }
            }
        }
        return answered;
    }

    private void awaitBothServingFromMemory(List<Long> ids) {
        for (Instance instance : services.both()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> instance.meter("aside_near_cache_serving") == 1.0
                    && instance.meter("aside_near_cache_entries") >= ids.size());
        }
    }

    private double nearHits() {
        return services.a().meter("aside_near_cache_hits_total") + services.b().meter("aside_near_cache_hits_total");
    }

    private static long create(Instance instance, String name, String category) {
        HttpReply created = instance.http().post("/models", model(name, category));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private static List<Long> ids(HttpReply list) {
        JsonNode items = list.json().get("items");
        return StreamSupport.stream(items.spliterator(), false).map(n -> n.get("id").asLong()).toList();
    }
}
