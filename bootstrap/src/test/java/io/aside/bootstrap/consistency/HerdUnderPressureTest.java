package io.aside.bootstrap.consistency;

import static io.aside.bootstrap.e2e.ModelJson.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aside.bootstrap.e2e.Figures;
import io.aside.bootstrap.faults.CacheBreaker;
import io.aside.domain.model.ModelId;
import io.aside.testing.HttpReply;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DESIGN §3.1: the herd guarantee holds outside calm conditions too, with the production defaults
 * (a 50 ms Redis timeout, a 3 s lease, a 12 s read deadline). A hundred readers of one cold key,
 * half on each of two instances: with every core busy, exactly one database load; with Redis
 * frozen, at most one per instance; with a database that takes 3 s per read, one load, and every
 * reader answered. Each runs several times in a row: one lucky run proves little.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HerdUnderPressureTest {
    private static final int READERS = 100;
    private static final Duration HERD_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicLong NAMES = new AtomicLong();

    @RegisterExtension
    static final TwoInstances services = TwoInstances.onOwnRedis();

    @RepeatedTest(3)
    void givenEveryCoreBusy_whenHundredReadersOfAColdKey_thenExactlyOneDatabaseLoad() {
        ModelId id = coldModel();
        services.both().forEach(i -> i.repository().slowDown(id, Duration.ofMillis(200)));

        Herd.Result<HttpReply> herd;
        try (CpuBurner burner = CpuBurner.start()) {
            herd = Herd.run(READERS, i -> instance(i).http().get("/models/" + id), HERD_TIMEOUT);
        }

        Figures.report("herd", "cold model, every core busy, %d readers over 2 instances: %d database load(s) in %d ms",
                READERS, services.loadsOf(id), herd.elapsed().toMillis());
        assertThat(services.loadsOf(id)).as(() -> "database loads; " + services.cacheCounters()).isEqualTo(1);
        assertAllAnsweredAlike(herd);
    }

    @RepeatedTest(3)
    void givenRedisFrozenAndBreakersOpen_whenHundredReadersOfAColdKey_thenAtMostOneLoadPerInstance() {
        ModelId id = coldModel();
        services.both().forEach(i -> i.repository().slowDown(id, Duration.ofMillis(200)));
        services.redis().pause();
        Herd.Result<HttpReply> herd;
        try {
            openBreakers();
            herd = Herd.run(READERS, i -> instance(i).http().get("/models/" + id), HERD_TIMEOUT);
        } finally {
            services.redis().resume();
        }

        Figures.report("herd", "cold model, Redis frozen and breakers open, %d readers over 2 instances: %d + %d database load(s)",
                READERS, services.a().repository().loadsOf(id), services.b().repository().loadsOf(id));
        assertThat(services.a().repository().loadsOf(id)).as("loads on A").isEqualTo(1);
        assertThat(services.b().repository().loadsOf(id)).as("loads on B").isEqualTo(1);
        assertAllAnsweredAlike(herd);
        awaitBreakersClosed();
    }

    @RepeatedTest(3)
    void givenRedisFrozenBeforeBreakersNotice_whenHundredReadersOfAColdKey_thenAtMostOneLoadPerInstance() {
        ModelId id = coldModel();
        services.both().forEach(i -> i.repository().slowDown(id, Duration.ofMillis(200)));
        services.redis().pause();
        Herd.Result<HttpReply> herd;
        try {
            herd = Herd.run(READERS, i -> instance(i).http().get("/models/" + id), HERD_TIMEOUT);
        } finally {
            services.redis().resume();
        }

        assertThat(services.a().repository().loadsOf(id)).as("loads on A").isLessThanOrEqualTo(1);
        assertThat(services.b().repository().loadsOf(id)).as("loads on B").isLessThanOrEqualTo(1);
        assertAllAnsweredAlike(herd);
        awaitBreakersClosed();
    }

    @RepeatedTest(2)
    void givenDatabaseTakingThreeSecondsPerRead_whenHundredReadersOfAColdKey_thenOneLoadAndEveryReaderAnswered() {
        ModelId id = coldModel();
        services.both().forEach(i -> i.repository().slowDown(id, Duration.ofSeconds(3)));
        double extensionsBefore = extensions();

        Herd.Result<HttpReply> herd = Herd.run(READERS, i -> instance(i).http().get("/models/" + id), HERD_TIMEOUT);

        Figures.report("herd", "cold model, database 3 s per read, %d readers over 2 instances: %d database load(s), all answered in %d ms",
                READERS, services.loadsOf(id), herd.elapsed().toMillis());
        assertThat(services.loadsOf(id)).as(() -> "database loads; " + services.cacheCounters()).isEqualTo(1);
        assertAllAnsweredAlike(herd);
        assertThat(extensions()).as("the loader kept its lease alive past the 3 s lease TTL").isGreaterThan(extensionsBefore);
    }

    /** A model that exists in the database and in no cache. */
    private static ModelId coldModel() {
        HttpReply created = services.a().http().post("/models", model("pressed " + NAMES.incrementAndGet(), "pressure"));
        assertThat(created.status()).isEqualTo(201);
        return new ModelId(created.json().get("id").asLong());
    }

    private static void assertAllAnsweredAlike(Herd.Result<HttpReply> herd) {
        assertThat(herd.answers()).extracting(HttpReply::status).containsOnly(200);
        assertThat(herd.answers()).extracting(HttpReply::text).hasSize(READERS).containsOnly(herd.answers().get(0).text());
    }

    /** Reads of other cold keys against the frozen Redis, until both instances' breakers shed calls. */
    private static void openBreakers() {
        for (Instance instance : services.both()) {
            CacheBreaker breaker = CacheBreaker.of(instance.service());
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ZERO).until(() -> {
                instance.http().get("/models/" + (900_000_000L + NAMES.incrementAndGet()));
                return breaker.isShedding();
            });
        }
    }

    private static void awaitBreakersClosed() {
        for (Instance instance : services.both()) {
            CacheBreaker breaker = CacheBreaker.of(instance.service());
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                instance.http().get("/models/" + (900_000_000L + NAMES.incrementAndGet()));
                return !breaker.isShedding();
            });
        }
    }

    private static double extensions() {
        return services.a().counter("aside_cache_lease_extensions_total", "model")
                + services.b().counter("aside_cache_lease_extensions_total", "model");
    }

    private static Instance instance(int reader) {
        return reader % 2 == 0 ? services.a() : services.b();
    }
}
