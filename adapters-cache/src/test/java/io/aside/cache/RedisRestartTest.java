package io.aside.cache;

import static io.aside.cache.Models.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aside.domain.cache.Lease;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Redis restarting empty (no persistence): the cache recovers by itself and old pages stay unreachable. */
class RedisRestartTest {
    static final RedisServer SERVER = TestServers.redis();
    static final ModelKey KEY = new ModelKey(new ModelId(1));
    static final Duration TTL = Duration.ofMinutes(5);

    @Test
    void givenRedisRestartedEmpty_whenUsedAgain_thenItRecoversAndGenerationsNeverGoBack() {
        Category category = new Category("restarted");
        try (RedisCache cache = new RedisCache(RedisCacheTest.settings(SERVER.freshNamespace()))) {
            Lease<Model> lease = leaseOf(cache.lookup(KEY, TTL));
            cache.fill(lease, Optional.of(model(1, "restarted")), TTL);
            long before = cache.generation(category);

            SERVER.stop();
            SERVER.start();

            // Pooled connections to the old process fail once each; then calls succeed (scripts re-sent by EVAL).
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).ignoreException(CacheUnavailableException.class)
                    .until(() -> cache.lookup(KEY, TTL) instanceof Lookup.Leased);
            assertThat(cache.generation(category)).isGreaterThan(before);
        }
    }

    private static Lease<Model> leaseOf(Lookup<Model> lookup) {
        assertThat(lookup).isInstanceOf(Lookup.Leased.class);
        return ((Lookup.Leased<Model>) lookup).lease();
    }
}
