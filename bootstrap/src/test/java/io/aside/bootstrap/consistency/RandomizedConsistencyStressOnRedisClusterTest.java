package io.aside.bootstrap.consistency;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link RandomizedConsistencyStressScenario randomized races}, audited, on a Redis Cluster: the
 * models and categories raced on fall in slots of different masters, so a write's invalidation (its
 * model, its categories' generations) runs as one script per slot rather than one in all.
 */
class RandomizedConsistencyStressOnRedisClusterTest extends RandomizedConsistencyStressScenario {
    @RegisterExtension
    static final TwoInstances SERVICES = TwoInstances.onRedisCluster();

    RandomizedConsistencyStressOnRedisClusterTest() {
        super(SERVICES);
    }
}
