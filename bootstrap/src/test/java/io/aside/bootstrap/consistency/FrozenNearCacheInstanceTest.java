package io.aside.bootstrap.consistency;

import static io.aside.bootstrap.e2e.ModelJson.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import io.aside.bootstrap.e2e.Figures;
import io.aside.bootstrap.e2e.Services;
import io.aside.cache.NearCacheSettings;
import io.aside.testing.HttpReply;
import io.aside.testing.TcpProxy;
import io.aside.testing.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An instance cut off from Redis while it serves a model from its near cache (DESIGN §3.3): a write
 * on another instance completes within one serving lease, and the cut-off instance, when it comes
 * back, does not serve from memory what was written meanwhile.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FrozenNearCacheInstanceTest {
    private static final Duration LEASE = NearCacheSettings.DEFAULT_SERVING_LEASE;

    private final TcpProxy redisOfB = TcpProxy.start(TestServers.redis().host(), TestServers.redis().port());
    private final AsideConfig config = Services.productionConfig();
    private final Instance a = Instance.of("A", AsideService.start(config, List.of(new InstrumentedRepositoryModule())));
    private final Instance b = Instance.of("B", AsideService.start(config.withCacheUrl("redis://" + redisOfB.host() + ":" + redisOfB.port()),
            List.of(new InstrumentedRepositoryModule())));

    @AfterEach
    void close() {
        redisOfB.thaw();
        b.service().close();
        a.service().close();
        redisOfB.close();
    }

    @Test
    void givenBServingAModelFromMemory_whenItsRedisConnectionFreezesAndAWrites_thenTheWriteWaitsAtMostOneLeaseAndBNeverServesTheOldVersion() {
        long id = a.http().post("/models", model("before", "frozen")).json().get("id").asLong();
        awaitServedFromMemory(b, id);
        redisOfB.freeze();

        long start = System.nanoTime();
        HttpReply written = a.http().put("/models/" + id, "{\"name\":\"after\",\"category\":\"frozen\",\"attributes\":{},\"version\":1}");
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(written.status()).isEqualTo(200);
        assertThat(waited).as("the write waited for B's lease to run out, no longer").isLessThan(LEASE.plusSeconds(1));
        assertThat(version(b, id)).as("B while frozen: from the database, not its memory").isEqualTo(2);
        redisOfB.thaw();
        await().atMost(Duration.ofSeconds(10)).until(() -> b.meter("aside_near_cache_serving") == 1.0);
        assertThat(version(b, id)).as("B once back").isEqualTo(2);
        awaitServedFromMemory(b, id);
        assertThat(version(b, id)).as("B from memory again").isEqualTo(2);
        Figures.report("near cache", "B's Redis connection frozen while it served a model from memory: A's update answered after %d ms"
                + " (serving lease %d ms); B read version 2 while frozen and after", waited.toMillis(), LEASE.toMillis());
    }

    /** Reads the model on {@code instance} until a read is answered from its near cache. */
    private static void awaitServedFromMemory(Instance instance, long id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            double hits = instance.meter("aside_near_cache_hits_total");
            instance.http().get("/models/" + id);
            return instance.meter("aside_near_cache_hits_total") > hits;
        });
    }

    private static long version(Instance instance, long id) {
        return instance.http().get("/models/" + id).json().get("version").asLong();
    }
}
