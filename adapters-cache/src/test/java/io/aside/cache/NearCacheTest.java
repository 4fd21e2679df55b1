package io.aside.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lookup;
import io.aside.domain.model.ModelFixtures;
import io.aside.domain.port.CachePort;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract holds with the near cache in front of Redis: it changes where hits come from, not what they are. */
class NearCacheTest extends CachePortContract {
    static final RedisServer SERVER = TestServers.redis();

    private RedisCache redis;

    @Override
    protected CachePort newCache() {
        redis = new RedisCache(TestRedis.unhurried(SERVER, SERVER.freshNamespace()));
        NearCache near = redis.withNearCache(redis, NearCacheSettings.ofSize(1 << 20), NearCacheObserver.NONE);
        awaitServing(near);
        return near;
    }

    @Override
    protected void close(CachePort cache) {
        ((NearCache) cache).close();
        redis.close();
    }

    /** Joining takes a subscription and a lease renewal: until then, reads go to Redis. */
    static void awaitServing(NearCache near) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(near::serving);
    }

    @Test
    void givenCachedModel_whenInvalidated_thenItsOwnAnnouncementCameBackAndTheNextLookupIsNotANearHit() {
        NearCache near = (NearCache) cache;
        cacheModel(ModelFixtures.model(8, "c"));
        assertThat(lookup(key(8))).isInstanceOf(Lookup.Hit.class);
        long hits = near.stats().hits();

        cache.invalidate(Invalidation.of(List.of(ModelFixtures.model(8, "c"))));

        assertThat(near.stats().invalidations()).as("its own invalidation came back to it").isPositive();
        assertThat(lookup(key(8))).isInstanceOf(Lookup.Leased.class);
        assertThat(near.stats().hits()).isEqualTo(hits);
    }
}
