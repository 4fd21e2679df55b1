package io.aside.bootstrap.consistency;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link StalePageSetScenario stale-set races} on list pages, on memcached: the write moves the
 * category's generation on ({@code ma}), and the held reader's fill, leased in the old one, is refused.
 */
class StalePageSetOnMemcachedTest extends StalePageSetScenario {
    @RegisterExtension
    static final TwoInstances SERVICES = TwoInstances.onMemcached();

    StalePageSetOnMemcachedTest() {
        super(SERVICES);
    }
}
