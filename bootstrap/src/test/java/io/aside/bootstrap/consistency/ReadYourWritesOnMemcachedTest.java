package io.aside.bootstrap.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ReadYourWritesScenario Read-your-writes across instances} on memcached, which has no near
 * cache: every read asks memcached, and a write answers once its {@code md} reached it, so a read
 * sent after the answer, on either instance, finds the entry gone or refilled from the new row.
 */
class ReadYourWritesOnMemcachedTest extends ReadYourWritesScenario {
    @RegisterExtension
    static final TwoInstances SERVICES = TwoInstances.onMemcached();

    ReadYourWritesOnMemcachedTest() {
        super(SERVICES);
    }

    /** Each model is a hit on both instances: filled by one, read from memcached by both. */
    @Override
    void awaitBothServingFromTheCache(List<Long> ids) {
        for (Instance instance : services.both()) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ids)
                    .allSatisfy(id -> assertThat(instance.http().get("/models/" + id).header("X-Cache")).as("model %d on %s", id, instance)
                            .isEqualTo("HIT")));
        }
    }

    @Override
    double cachedReads() {
        return services.a().counter("aside_cache_hits_total", "model") + services.b().counter("aside_cache_hits_total", "model");
    }

    @Override
    String cachedReadsAre() {
        return "memcached hits";
    }

    @Override
    String figure() {
        return services.figure("read your writes");
    }
}
