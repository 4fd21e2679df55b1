package io.aside.bootstrap.consistency;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link StalePageSetScenario stale-set races} on list pages, on a Redis Cluster: a category's
 * generation and its pages share a hash tag, so the write's new generation and the refused fill are
 * decided on one master.
 */
class StalePageSetOnRedisClusterTest extends StalePageSetScenario {
    @RegisterExtension
    static final TwoInstances SERVICES = TwoInstances.onRedisCluster();

    StalePageSetOnRedisClusterTest() {
        super(SERVICES);
    }
}
