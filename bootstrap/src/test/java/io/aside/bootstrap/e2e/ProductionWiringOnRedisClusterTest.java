package io.aside.bootstrap.e2e;

import io.aside.testing.TestServers;

/**
 * The {@link ProductionWiringScenario production wiring, over HTTP,} on a Redis Cluster: the same
 * cache adapter, chosen by a {@code redis-cluster://} URL of seed nodes, with every other setting
 * its default.
 */
class ProductionWiringOnRedisClusterTest extends ProductionWiringScenario {
    ProductionWiringOnRedisClusterTest() {
        super(() -> Services.productionConfigOn(TestServers.mariaDb(), TestServers.redisCluster()));
    }
}
