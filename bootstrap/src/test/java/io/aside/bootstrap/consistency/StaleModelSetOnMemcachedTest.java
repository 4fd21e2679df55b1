package io.aside.bootstrap.consistency;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link StaleModelSetScenario stale-set races} on models, on memcached: the writer's {@code md}
 * takes the held reader's lease with the entry, so the reader's compare-and-swap finds no lease of its own.
 */
class StaleModelSetOnMemcachedTest extends StaleModelSetScenario {
    @RegisterExtension
    static final TwoInstances SERVICES = TwoInstances.onMemcached();

    StaleModelSetOnMemcachedTest() {
        super(SERVICES);
    }
}
