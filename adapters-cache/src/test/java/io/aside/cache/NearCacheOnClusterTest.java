package io.aside.cache;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aside.cache.NearCacheAcrossInstancesTest.Instance;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Model;
import io.aside.testing.RedisCluster;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Two instances' near caches over a Redis Cluster: invalidations and acknowledgements travel on
 * sharded pub/sub, on the master of the namespace's near-cache slot, with the production timeouts.
 */
class NearCacheOnClusterTest {
    static final RedisCluster CLUSTER = TestServers.redisCluster();

    private final String namespace = CLUSTER.freshNamespace();
    private final RedisSettings settings = RedisSettings.fromUrl(CLUSTER.url()).withNamespace(namespace);
    private final Instance a = new Instance(settings);
    private final Instance b = new Instance(settings);

    @AfterEach
    void close() {
        b.close();
        a.close();
    }

    @Test
    void givenBothServingAModelFromMemory_whenOneInvalidates_thenTheOtherNoLongerServesItOnceThatReturns() {
        Model old = model(1, "c", 1);
        a.cache(old);
        b.awaitNearHit(old);

        a.near.invalidate(Invalidation.of(List.of(old)));

        assertThat(b.lookup()).as("B right after A's invalidation returned").isInstanceOf(Lookup.Leased.class);
    }

    @Test
    void givenAnInstanceServingFromMemory_whenItsShardedSubscriptionIsLost_thenItStopsAndComesBackWithAnEmptyNearCache() {
        Model cached = model(1, "c", 1);
        a.cache(cached);
        b.awaitNearHit(cached);
        RedisServer nearMaster = CLUSTER.masterOf(JedisClusterCRC16.getSlot(new RedisKeys(namespace, true).nearSequence()));

        nearMaster.command("CLIENT", "KILL", "TYPE", "pubsub"); // every instance's subscription, as a failover would
        await().atMost(Duration.ofSeconds(2)).until(() -> !b.near.serving() || b.near.stats().entries() == 0);
        NearCacheTest.awaitServing(b.near);

        long hits = b.near.stats().hits();
        assertThat(b.lookup()).isEqualTo(new Lookup.Hit<>(Presence.of(cached)));
        assertThat(b.near.stats().hits()).as("the first read after the comeback came from Redis: the near cache was flushed").isEqualTo(hits);
    }
}
