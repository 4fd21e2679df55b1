package io.aside.bootstrap.consistency;

import static io.aside.bootstrap.e2e.ModelJson.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.bootstrap.e2e.Figures;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import io.aside.testing.HttpReply;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * DESIGN §3, "no thundering herd": a hundred readers of one cold key, half on each of two
 * instances, released together while the one database load is slow (200 ms), cost the database
 * that one load; the rest share it in their process or wait for its fill (a model, a page, or a
 * tombstone). With the production defaults, three times in a row each; on one Redis
 * ({@link ThunderingHerdTest}), on a Redis Cluster ({@link ThunderingHerdOnRedisClusterTest}) and on
 * memcached ({@link ThunderingHerdOnMemcachedTest}).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class ThunderingHerdScenario {
    static final int READERS = 100;
    static final Duration SLOW_LOAD = Duration.ofMillis(200);
    /** The slow load, plus a generous margin for 100 HTTP round trips on a small machine: no reader hung on the lease. */
    private static final Duration HERD_BOUND = Duration.ofMillis(2500);

    private static final AtomicLong RUNS = new AtomicLong();

    private final TwoInstances services;

    ThunderingHerdScenario(TwoInstances services) {
        this.services = services;
    }

    @RepeatedTest(3)
    void givenColdKey_whenHundredReadersOnTwoInstances_thenOneDatabaseLoad() {
        HttpReply created = services.a().http().post("/models", model("herded lamp", "herd"));
        ModelId id = new ModelId(created.json().get("id").asLong());
        services.both().forEach(i -> i.repository().slowDown(id, SLOW_LOAD));

        Herd.Result<HttpReply> herd = Herd.run(READERS, i -> instance(i).http().get("/models/" + id), Duration.ofSeconds(15));

        Figures.report(services.figure("herd"), "cold model, %d concurrent readers over 2 instances: %d database load(s), %d MISS, all answered in %d ms",
                READERS, services.loadsOf(id), misses(herd), herd.elapsed().toMillis());
        assertThat(services.loadsOf(id)).as(() -> "database loads of model " + id + "; " + services.cacheCounters()).isEqualTo(1);
        assertThat(herd.answers()).extracting(HttpReply::status).containsOnly(200);
        assertThat(herd.answers()).extracting(HttpReply::text).hasSize(READERS).containsOnly(herd.answers().get(0).text());
        assertThat(herd.answers().get(0).json()).isEqualTo(created.json());
        assertThat(herd.answers()).filteredOn(r -> "MISS".equals(r.header("X-Cache"))).hasSize(1);
        assertThat(herd.elapsed()).isLessThan(HERD_BOUND);
    }

    @RepeatedTest(3)
    void givenColdListPage_whenHundredReadersOnTwoInstances_thenOneDatabaseQuery() {
        String category = "herd pages " + RUNS.incrementAndGet();
        long first = services.a().http().post("/models", model("one", category)).json().get("id").asLong();
        long second = services.b().http().post("/models", model("two", category)).json().get("id").asLong();
        services.both().forEach(i -> i.repository().slowDown(new Category(category), SLOW_LOAD));

        Herd.Result<HttpReply> herd = Herd.run(READERS, i -> instance(i).http().list(category, 10), Duration.ofSeconds(15));

        Figures.report(services.figure("herd"), "cold list page, %d concurrent readers over 2 instances: %d database query(ies), %d MISS, all answered in %d ms",
                READERS, services.loadsOf(new Category(category)), misses(herd), herd.elapsed().toMillis());
        assertThat(services.loadsOf(new Category(category))).as(() -> "database queries of '" + category + "'; " + services.cacheCounters()).isEqualTo(1);
        assertThat(herd.answers()).extracting(HttpReply::status).containsOnly(200);
        assertThat(herd.answers()).extracting(HttpReply::text).containsOnly(herd.answers().get(0).text());
        assertThat(herd.answers().get(0).json().get("items")).extracting(n -> n.get("id").asLong()).containsExactly(first, second);
        assertThat(herd.answers()).filteredOn(r -> "MISS".equals(r.header("X-Cache"))).hasSize(1);
        assertThat(herd.elapsed()).isLessThan(HERD_BOUND);
    }

    @RepeatedTest(3)
    void givenColdMissingId_whenHundredReadersOnTwoInstances_thenOneDatabaseLoadAndAllNotFound() {
        ModelId missing = new ModelId(987_654_321L + RUNS.incrementAndGet());
        services.both().forEach(i -> i.repository().slowDown(missing, SLOW_LOAD));

        Herd.Result<HttpReply> herd = Herd.run(READERS, i -> instance(i).http().get("/models/" + missing), Duration.ofSeconds(15));

        Figures.report(services.figure("herd"), "missing id, %d concurrent readers over 2 instances: %d database load(s), all answered in %d ms",
                READERS, services.loadsOf(missing), herd.elapsed().toMillis());
        assertThat(services.loadsOf(missing)).as(() -> "database loads of missing " + missing + "; " + services.cacheCounters()).isEqualTo(1);
        assertThat(herd.answers()).extracting(HttpReply::status).containsOnly(404);
        assertThat(herd.answers()).filteredOn(r -> "MISS".equals(r.header("X-Cache"))).hasSize(1);
        assertThat(herd.elapsed()).isLessThan(HERD_BOUND);
    }

    private static long misses(Herd.Result<HttpReply> herd) {
        return herd.answers().stream().filter(r -> "MISS".equals(r.header("X-Cache"))).count();
    }

    private Instance instance(int reader) {
        return reader % 2 == 0 ? services.a() : services.b();
    }
}
