package io.aside.bootstrap.consistency;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link ThunderingHerdScenario herds} on one Redis server. */
class ThunderingHerdTest extends ThunderingHerdScenario {
    @RegisterExtension
    static final TwoInstances SERVICES = new TwoInstances();

    ThunderingHerdTest() {
        super(SERVICES);
    }
}
