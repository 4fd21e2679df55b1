package io.aside.bootstrap.consistency;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link RandomizedConsistencyStressScenario randomized races}, audited, on one Redis server. */
class RandomizedConsistencyStressTest extends RandomizedConsistencyStressScenario {
    @RegisterExtension
    static final TwoInstances SERVICES = new TwoInstances();

    RandomizedConsistencyStressTest() {
        super(SERVICES);
    }
}
