package io.aside.bootstrap.consistency;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link RandomizedConsistencyStressScenario randomized races}, audited, on memcached: every read
 * and fill a compare-and-swap on memcached itself, with no near cache in front.
 */
class RandomizedConsistencyStressOnMemcachedTest extends RandomizedConsistencyStressScenario {
    @RegisterExtension
    static final TwoInstances SERVICES = TwoInstances.onMemcached();

    RandomizedConsistencyStressOnMemcachedTest() {
        super(SERVICES);
    }
}
