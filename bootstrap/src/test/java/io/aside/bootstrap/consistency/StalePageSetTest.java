package io.aside.bootstrap.consistency;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link StalePageSetScenario stale-set races} on list pages, on one Redis server. */
class StalePageSetTest extends StalePageSetScenario {
    @RegisterExtension
    static final TwoInstances SERVICES = new TwoInstances();

    StalePageSetTest() {
        super(SERVICES);
    }
}
