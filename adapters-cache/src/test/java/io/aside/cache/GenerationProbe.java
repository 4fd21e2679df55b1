package io.aside.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.PageKey;
import io.aside.domain.model.Category;
import io.aside.domain.port.CachePort;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A category's current generation, as the port reports it: the generation of a lease on a page
 * nobody else reads (a limit of its own), given back at once.
 */
final class GenerationProbe {
    private static final AtomicInteger LIMITS = new AtomicInteger(1_000);

    private GenerationProbe() {}

    static long of(CachePort cache, Category category) {
        PageKey probe = new PageKey(category, LIMITS.incrementAndGet());
        LeaseRequest request = new LeaseRequest(UUID.randomUUID().toString(), Duration.ofSeconds(10));
        Lookup<ModelPage> lookup = cache.lookup(probe, request);
        assertThat(lookup).as("a page nobody reads is leased to its first reader").isInstanceOf(Lookup.Leased.class);
        cache.release(probe, request.token());
        return ((Lookup.Leased<ModelPage>) lookup).lease().generation();
    }
}
