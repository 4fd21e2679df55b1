package io.aside.bootstrap.consistency;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link ThunderingHerdScenario herds} on memcached: the lease is an add ({@code ms … ME}) that one
 * reader of the hundred wins; the others find its marker and wait for the fill, compared-and-swapped in.
 */
class ThunderingHerdOnMemcachedTest extends ThunderingHerdScenario {
    @RegisterExtension
    static final TwoInstances SERVICES = TwoInstances.onMemcached();

    ThunderingHerdOnMemcachedTest() {
        super(SERVICES);
    }
}
