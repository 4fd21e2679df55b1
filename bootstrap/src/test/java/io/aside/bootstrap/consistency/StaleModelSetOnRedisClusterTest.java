package io.aside.bootstrap.consistency;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link StaleModelSetScenario stale-set races} on models, on a Redis Cluster: the held reader's
 * lease, the writer's invalidation and the refused fill meet in the model key's slot, on its master.
 */
class StaleModelSetOnRedisClusterTest extends StaleModelSetScenario {
    @RegisterExtension
    static final TwoInstances SERVICES = TwoInstances.onRedisCluster();

    StaleModelSetOnRedisClusterTest() {
        super(SERVICES);
    }
}
