package io.aside.bootstrap.consistency;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link NearCacheReadYourWritesScenario Read-your-writes} across two near caches, on a Redis Cluster:
 * the invalidations and their acknowledgements travel on sharded pub/sub, through the master of the
 * namespace's slot, while the entries they drop live on every master.
 */
class NearCacheReadYourWritesOnRedisClusterTest extends NearCacheReadYourWritesScenario {
    @RegisterExtension
    static final TwoInstances SERVICES = TwoInstances.onRedisCluster();

    NearCacheReadYourWritesOnRedisClusterTest() {
        super(SERVICES);
    }
}
