package io.aside.bootstrap.consistency;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link NearCacheReadYourWritesScenario Read-your-writes} across two near caches, on one Redis server. */
class NearCacheReadYourWritesTest extends NearCacheReadYourWritesScenario {
    @RegisterExtension
    static final TwoInstances SERVICES = new TwoInstances();

    NearCacheReadYourWritesTest() {
        super(SERVICES);
    }
}
