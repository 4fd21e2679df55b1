package io.aside.bootstrap.consistency;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link ThunderingHerdScenario herds} on a Redis Cluster: a model's lease and a page's lease
 * (with its category's generation) live on whichever master serves their slot.
 */
class ThunderingHerdOnRedisClusterTest extends ThunderingHerdScenario {
    @RegisterExtension
    static final TwoInstances SERVICES = TwoInstances.onRedisCluster();

    ThunderingHerdOnRedisClusterTest() {
        super(SERVICES);
    }
}
