package io.aside.bootstrap.consistency;

import static io.aside.bootstrap.e2e.ModelJson.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.bootstrap.consistency.CacheProbe.Peeked.Kind;
import io.aside.bootstrap.e2e.Figures;
import io.aside.domain.cache.PageKey;
import io.aside.domain.model.Category;
import io.aside.testing.HttpReply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * "No stale set" for list pages: a reader on A has queried a category and is held before its fill;
 * a write on B changes the category and moves it to a new generation. The held reader's fill is
 * refused (it was leased in the old generation), so both instances list the write at once. On one
 * Redis ({@link StalePageSetTest}), on a Redis Cluster ({@link StalePageSetOnRedisClusterTest}) and on
 * memcached ({@link StalePageSetOnMemcachedTest}).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class StalePageSetScenario {
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final int LIMIT = 10;

    private final TwoInstances services;

    StalePageSetScenario(TwoInstances services) {
        this.services = services;
    }

    @Test
    void givenReaderHoldingAnOldPage_whenModelCreatedInTheCategoryOnOtherInstance_thenBothListTheNewModel() {
        Category category = new Category("pages grown");
        long first = create("first", category);
        long oldGeneration = services.probe().generation(category);
        AtomicLong second = new AtomicLong();

        HttpReply held = raceListOnAWith(category, () -> second.set(create("second", category)));

        assertThat(ids(held)).as("the held reader answers what it read").containsExactly(first);
        assertTheHeldFillWasRefused(category, oldGeneration);
        for (Instance instance : services.both()) {
            assertThat(ids(instance.http().list(category.value(), LIMIT))).as("list on %s", instance).containsExactly(first, second.get());
        }
        Figures.report(services.figure("stale race"), "page read [%d], create in the category committed, then the old page's fill: refused, its"
                + " generation %d retired; generation %d lists %s", first, oldGeneration, services.probe().generation(category),
                ids(services.a().http().list(category.value(), LIMIT)));
    }

    @Test
    void givenReaderHoldingAnOldPage_whenModelMovedOutOfTheCategoryOnOtherInstance_thenBothListWithoutIt() {
        Category category = new Category("pages shrunk");
        long staying = create("staying", category);
        long leaving = create("leaving", category);
        long oldGeneration = services.probe().generation(category);

        HttpReply held = raceListOnAWith(category, () -> assertThat(services.b().http().put("/models/" + leaving,
                "{\"name\":\"left\",\"category\":\"elsewhere\",\"attributes\":{},\"version\":1}").status()).isEqualTo(200));

        assertThat(ids(held)).containsExactly(staying, leaving);
        assertTheHeldFillWasRefused(category, oldGeneration);
        for (Instance instance : services.both()) {
            assertThat(ids(instance.http().list(category.value(), LIMIT))).as("list on %s", instance).containsExactly(staying);
            assertThat(ids(instance.http().list("elsewhere", LIMIT))).as("new category on %s", instance).containsExactly(leaving);
        }
    }

    private long create(String name, Category category) {
        HttpReply created = services.b().http().post("/models", model(name, category.value()));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /** A list on A that has queried the database and is held before its fill while {@code write} runs on B; its answer. */
    private HttpReply raceListOnAWith(Category category, Runnable write) {
        HttpReply answer = services.a().readHeldBeforeFill(category, () -> services.a().http().list(category.value(), LIMIT), write, BOUND);
        assertThat(answer.status()).isEqualTo(200);
        return answer;
    }

    /** The held reader's fill was refused: the write moved the category on, and its current generation has no page yet. */
    private void assertTheHeldFillWasRefused(Category category, long oldGeneration) {
        assertThat(services.probe().generation(category)).as("the write moved the category to a new generation").isGreaterThan(oldGeneration);
        assertThat(services.probe().peek(new PageKey(category, LIMIT)).kind()).isEqualTo(Kind.EMPTY);
    }

    private static List<Long> ids(HttpReply list) {
        return StreamSupport.stream(list.json().get("items").spliterator(), false).map(n -> n.get("id").asLong()).toList();
    }
}
