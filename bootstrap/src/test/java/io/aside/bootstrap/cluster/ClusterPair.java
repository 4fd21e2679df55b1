package io.aside.bootstrap.cluster;

import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.e2e.Services;
import io.aside.testing.RedisCluster;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Two production instances (each its own injector, Redis Cluster client, breakers and near cache)
 * sharing one fresh database and one fresh namespace on a Redis Cluster of the test's own, which the
 * test may kill or freeze nodes of. Close it when done.
 */
final class ClusterPair extends InstancePair {
    private final RedisCluster cluster;
    private final String namespace;

    private ClusterPair(RedisCluster cluster, AsideConfig config) {
        super(config);
        this.cluster = cluster;
        this.namespace = config.cache().options().namespace();
    }

    /** The defaults of production, timeouts, breakers and near cache included: what users run with is what must hold. */
    static ClusterPair start() {
        RedisCluster cluster = TestServers.dedicatedRedisCluster();
        ClusterPair pair;
        try {
            // A fresh database and a fresh namespace (Services'), then the cluster instead of the shared Redis, same options.
            pair = new ClusterPair(cluster, Services.productionConfigOn(TestServers.mariaDb(), TestServers.redis()).withCacheUrl(cluster.url()));
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        pair.startInstances();
        return pair;
    }

    RedisCluster cluster() {
        return cluster;
    }

    /** The hash slot of a model's entry ({@code <ns>:v1:model:<id>}, untagged: a slot of its own). */
    int slotOfModel(long id) {
        return JedisClusterCRC16.getSlot(namespace + ":v1:model:" + id);
    }

    /** The slot of the near cache's keys and channels ({@code <ns>:v1:near:{<ns>}:…}): one master carries every instance's serving lease. */
    int nearCacheSlot() {
        return JedisClusterCRC16.getSlot(namespace + ":v1:near:{" + namespace + "}:seq");
    }

    RedisServer masterOfModel(long id) {
        return cluster.masterOf(slotOfModel(id));
    }

    @Override
    void closeServers() {
        cluster.close();
    }
}
