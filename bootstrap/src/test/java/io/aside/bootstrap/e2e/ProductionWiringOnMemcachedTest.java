package io.aside.bootstrap.e2e;

import io.aside.testing.TestServers;
import java.util.List;

/**
 * The {@link ProductionWiringScenario production wiring, over HTTP,} on memcached, chosen by a
 * {@code memcached://} URL, every other setting its default: no near cache, so what one instance
 * filled the other reads from memcached, and each write reaches memcached before it answers.
 */
class ProductionWiringOnMemcachedTest extends ProductionWiringScenario {
    ProductionWiringOnMemcachedTest() {
        super(() -> Services.productionConfigOn(TestServers.mariaDb(), List.of(TestServers.memcached())));
    }
}
