package io.aside.bootstrap.consistency;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link StaleModelSetScenario stale-set races} on models, on one Redis server. */
class StaleModelSetTest extends StaleModelSetScenario {
    @RegisterExtension
    static final TwoInstances SERVICES = new TwoInstances();

    StaleModelSetTest() {
        super(SERVICES);
    }
}
