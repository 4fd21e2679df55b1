package io.aside.cache;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.testing.RedisCluster;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Cache epochs per master (DESIGN §3.2, §3.4): a replica promoted after it missed an invalidation
 * holds the entry its master had deleted, and must not serve it. The replica is frozen while the
 * invalidation is applied, then its master dies: nothing but the entry's life tells the two apart.
 */
class RedisClusterFailoverTest {
    static final ModelKey KEY = new ModelKey(new ModelId(7));

    private final RedisCluster cluster = TestServers.dedicatedRedisCluster();
    private final String namespace = cluster.freshNamespace();
    private final List<String> newLives = new CopyOnWriteArrayList<>();
    private final RedisCache cache = new RedisCache(RedisSettings.fromUrl(cluster.url()).withNamespace(namespace)
            .withTimeouts(TestRedis.UNHURRIED, TestRedis.UNHURRIED), newLives::add);

    @AfterEach
    void close() {
        cache.close();
        cluster.close();
    }

    @Test
    void givenAReplicaThatMissedAnInvalidation_whenItIsPromoted_thenTheEntryItStillHoldsIsNotServedAndTheGenerationMovesOn() {
        String entry = namespace + ":v1:model:" + KEY.id().value();
        int slot = JedisClusterCRC16.getSlot(entry);
        RedisServer master = cluster.masterOf(slot);
        RedisServer replica = replicaOf(master);
        Category category = categoryOn(slot);
        Model old = model(KEY.id().value(), category.value(), 1);
        CachePortContract.fillOn(cache, KEY, Presence.of(old));
        GenerationProbe.of(cache, category);
        master.command("WAIT", "1", "1000"); // the replica has the entry and the generation
        cache.ping(); // the masters' lives as this client starts with them: not reported

        long reachedByTheDeadMaster;
        replica.pause();
        try {
            // The link dropped first: the deletion stays in the master's backlog, never on its way to the replica.
            master.command("CLIENT", "KILL", "TYPE", "replica");
            cache.invalidate(Invalidation.of(List.of(old))); // applied by the master alone: the entry deleted, the category bumped
            reachedByTheDeadMaster = GenerationProbe.of(cache, category);
        } finally {
            master.kill();
            replica.resume();
        }
        RedisServer promoted = cluster.awaitFailover(slot, master);

        assertThat(promoted).isSameAs(replica);
        TestRedis.firstSuccess(cache::ping);
        assertThat(newLives).as("the promotion reported as a new life (for the epoch-changes metric)").singleElement()
                .asString().contains(":" + replica.port()).contains(StoredFormat.lifeOfMaster(replica));
        assertThat(replica.command("GET", entry)).as("the promoted replica still holds the deleted entry")
                .startsWith(StoredFormat.value(lifeBeforeThePromotion(replica, entry), "{"));
        Lookup<Presence<Model>> lookup = TestRedis.firstAnswer(() -> cache.lookup(KEY, CachePortContract.request(Duration.ofSeconds(5))));
        assertThat(lookup).as("what the dead master deleted is not served by its successor").isInstanceOf(Lookup.Leased.class);
        assertThat(TestRedis.firstAnswer(() -> GenerationProbe.of(cache, category)))
                .as("the category's generation never goes back to one the dead master's pages were filed under")
                .isGreaterThan(reachedByTheDeadMaster);
    }

    /** A category whose generation lives on {@code slot}'s master, so that one failover moves both. */
    private static Category categoryOn(int slot) {
        RedisKeys keys = new RedisKeys("any", true);
        for (int i = 0; ; i++) {
            Category category = new Category("c" + i);
            if (JedisClusterCRC16.getSlot(keys.generation(category)) == slot) return category;
        }
    }

    /** The life tag the entry was written in: the dead master's, read back from the bytes. */
    private static String lifeBeforeThePromotion(RedisServer replica, String entry) {
        String stored = replica.command("GET", entry);
        String tag = stored.substring(1, 1 + RedisEpoch.TAG_LENGTH);
        assertThat(tag).as("written in another life than the new master's").isNotEqualTo(StoredFormat.lifeOfMaster(replica));
        return tag;
    }

    private RedisServer replicaOf(RedisServer master) {
        return cluster.nodes().stream()
                .filter(node -> node.command("INFO", "replication").contains("master_port:" + master.port()))
                .findFirst().orElseThrow(() -> new AssertionError("no replica of " + master.port()));
    }
}
