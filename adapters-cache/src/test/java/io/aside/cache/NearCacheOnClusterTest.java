package io.aside.cache;

import io.aside.cache.NearCacheAcrossInstancesTest.Instance;
import io.aside.testing.RedisCluster;
import io.aside.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * {@link TwoNearCaches} over a Redis Cluster: invalidations and acknowledgements travel on sharded
 * pub/sub, on the master of the namespace's near-cache slot, with the production timeouts.
 */
class NearCacheOnClusterTest extends TwoNearCaches {
    static final RedisCluster CLUSTER = TestServers.redisCluster();

    private final String namespace = CLUSTER.freshNamespace();
    private final RedisSettings settings = RedisSettings.fromUrl(CLUSTER.url()).withNamespace(namespace);
    private final Instance a = new Instance(settings);
    private final Instance b = new Instance(settings);

    @Override
    Instance a() {
        return a;
    }

    @Override
    Instance b() {
        return b;
    }

    @Override
    void killSubscriptions() {
        int nearSlot = JedisClusterCRC16.getSlot(new RedisKeys(namespace, true).nearSequence());
        CLUSTER.masterOf(nearSlot).command("CLIENT", "KILL", "TYPE", "pubsub");
    }

    @AfterEach
    void close() {
        b.close();
        a.close();
    }
}
