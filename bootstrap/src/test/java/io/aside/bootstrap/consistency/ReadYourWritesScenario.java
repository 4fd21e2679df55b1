package io.aside.bootstrap.consistency;

import static io.aside.bootstrap.e2e.ModelJson.model;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aside.bootstrap.e2e.Figures;
import io.aside.testing.HttpReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Read-your-writes across instances with every key hot: once a write has answered on one instance,
 * a read on the other returns that version or a later one — models, and list pages of the categories
 * it touched. Writers on both instances race on a few models, each reading the model on the other
 * instance right after its write answered, while readers on both instances keep every model hot and
 * check each read against the writes answered before it was sent. Where the reads are answered from
 * ({@link #cachedReads}) is the subclass's: both near caches ({@link NearCacheReadYourWritesScenario}),
 * or memcached itself, with no near cache ({@link ReadYourWritesOnMemcachedTest}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class ReadYourWritesScenario {
    private static final int MODELS = 16;
    private static final Duration RUN = Duration.ofSeconds(5);

    final TwoInstances services;

    ReadYourWritesScenario(TwoInstances services) {
        this.services = services;
    }

    /** Waits until both instances answer reads of {@code ids} from the cache this scenario is about. */
    abstract void awaitBothServingFromTheCache(List<Long> ids);

    /** Reads both instances answered from that cache so far, together. */
    abstract double cachedReads();

    /** What {@link #cachedReads} counts, for the figure: {@code near-cache hits}. */
    abstract String cachedReadsAre();

    /** The figure's scenario name. */
    abstract String figure();

    @Test
    void givenEveryKeyHotOnBothInstances_whenWritersAndReadersRace_thenEveryReadAfterAnAnsweredWriteIsThatVersionOrLater() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < MODELS; i++) ids.add(create(services.a(), "hot " + i, "hot"));
        Versions answered = new Versions();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Background<Integer>> hotReaders = new ArrayList<>();
        for (Instance instance : services.both()) hotReaders.add(Background.start(() -> keepReading(instance, ids, answered, running)));
        awaitBothServingFromTheCache(ids);
        double cachedBefore = cachedReads();

        List<Background<Integer>> writers = List.of(
                Background.start(() -> writeThenReadElsewhere(services.a(), services.b(), ids, answered)),
                Background.start(() -> writeThenReadElsewhere(services.b(), services.a(), ids, answered)));
        int writes = 0;
        for (Background<Integer> writer : writers) writes += writer.await(RUN.plusSeconds(20));
        running.set(false);
        int hotReads = 0;
        for (Background<Integer> reader : hotReaders) hotReads += reader.await(Duration.ofSeconds(10));

        double cached = cachedReads() - cachedBefore;
        Figures.report(figure(), "%d writes answered on one instance, each read at once on the other, %d reads of hot keys on both meanwhile:"
                + " %d older than a write answered before them; %.0f %s during the run", writes, hotReads, answered.stale.size(), cached, cachedReadsAre());
        assertThat(writes).as("writes answered").isGreaterThan(50);
        assertThat(answered.stale).as("reads older than a write answered before they were sent").isEmpty();
        assertThat(hotReads).as("reads of hot keys").isGreaterThan(10 * MODELS);
        // Most reads are answered from the cache, however fast a busy machine runs them: each write empties one entry for a moment.
        assertThat(cached).as("%s during the run, of %d reads of hot keys", cachedReadsAre(), hotReads).isGreaterThan(hotReads / 2.0);
    }

    @Test
    void givenACategoryPageHotOnB_whenAModelIsCreatedInItOnA_thenBListsItAtOnce() {
        String category = "listed " + System.nanoTime();
        create(services.a(), "first", category);
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 3; i++) services.b().http().list(category, 50); // hot: the last reads come from the cache
            long created = create(services.a(), "created " + round, category);

            assertThat(ids(services.b().http().list(category, 50))).as("B's page right after A's create answered").contains(created);
        }
    }

    /** The latest version of each model a write has answered with, and the reads found older than it. */
    private static final class Versions {
        final Map<Long, Long> answered = new ConcurrentHashMap<>();
        final Queue<String> stale = new ConcurrentLinkedQueue<>();

        /** The version every read of {@code id} sent from now on must return, at least. */
        long floor(long id) {
            return answered.getOrDefault(id, 1L);
        }

        void answered(long id, long version) {
            answered.merge(id, version, Math::max);
        }

        /** Records {@code reply} if it is older than {@code floor}, the version answered before the read was sent. */
        void check(Instance reader, long id, long floor, HttpReply reply, String why) {
            long seen = reply.status() == 200 ? reply.json().get("version").asLong() : -1;
            if (seen < floor) {
                stale.add("model " + id + ": " + why + " v" + floor + ", then " + reader + " read " + (seen < 0 ? "status " + reply.status() : "v" + seen)
                        + " (X-Cache " + reply.header("X-Cache") + ")");
            }
        }
    }

    /** Reads every model on {@code instance} over and over, so that each stays hot; returns how many reads. */
    private static int keepReading(Instance instance, List<Long> ids, Versions versions, AtomicBoolean running) {
        int reads = 0;
        while (running.get()) {
            for (long id : ids) {
                long floor = versions.floor(id);
                versions.check(instance, id, floor, instance.http().get("/models/" + id), "a write had answered");
            }
            reads += ids.size();
        }
        return reads;
    }

    /** Updates random models on {@code writer} for {@link #RUN}; after each answer, reads the model on {@code other}. */
    private static int writeThenReadElsewhere(Instance writer, Instance other, List<Long> ids, Versions versions) {
        long end = System.nanoTime() + RUN.toNanos();
        int answered = 0;
        while (System.nanoTime() < end) {
            long id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
            HttpReply current = writer.http().get("/models/" + id);
            long expected = current.json().get("version").asLong();
            HttpReply written = writer.http().put("/models/" + id,
                    "{\"name\":\"v" + (expected + 1) + "\",\"category\":\"hot\",\"attributes\":{},\"version\":" + expected + "}");
            if (written.status() != 200) continue; // the other writer got there first
            answered++;
            long version = written.json().get("version").asLong();
            versions.answered(id, version);
            versions.check(other, id, version, other.http().get("/models/" + id), writer + " answered");
        }
        return answered;
    }

    static long create(Instance instance, String name, String category) {
        HttpReply created = instance.http().post("/models", model(name, category));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private static List<Long> ids(HttpReply list) {
        JsonNode items = list.json().get("items");
        return StreamSupport.stream(items.spliterator(), false).map(n -> n.get("id").asLong()).toList();
    }
}
