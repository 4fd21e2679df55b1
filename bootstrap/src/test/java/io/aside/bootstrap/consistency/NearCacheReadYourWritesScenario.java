package io.aside.bootstrap.consistency;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

/**
 * {@link ReadYourWritesScenario Read-your-writes across instances} with every key hot in both near
 * caches (DESIGN §3.3): most reads are answered from memory, and a write answers only once the other
 * instance's near cache dropped what it replaced. On one Redis ({@link NearCacheReadYourWritesTest})
 * and on a Redis Cluster ({@link NearCacheReadYourWritesOnRedisClusterTest}).
 */
abstract class NearCacheReadYourWritesScenario extends ReadYourWritesScenario {
    NearCacheReadYourWritesScenario(TwoInstances services) {
        super(services);
    }

    @Override
    void awaitBothServingFromTheCache(List<Long> ids) {
        for (Instance instance : services.both()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> instance.meter("aside_near_cache_serving") == 1.0
                    && instance.meter("aside_near_cache_entries") >= ids.size());
        }
    }

    @Override
    double cachedReads() {
        return services.a().meter("aside_near_cache_hits_total") + services.b().meter("aside_near_cache_hits_total");
    }

    @Override
    String cachedReadsAre() {
        return "near-cache hits";
    }

    @Override
    String figure() {
        return services.figure("near cache");
    }
}
