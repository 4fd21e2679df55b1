package io.aside.cache;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aside.cache.NearCacheAcrossInstancesTest.Instance;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Model;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two instances' near caches over one shared cache server, one Redis or a cluster: once an
 * invalidation has returned on one, the other serves nothing it touched; an instance that loses its
 * subscription stops serving from memory, and comes back with an empty near cache.
 */
abstract class TwoNearCaches {
    abstract Instance a();

    abstract Instance b();

    /** Ends every instance's subscription, as a failover would. */
    abstract void killSubscriptions();

    @Test
    void givenBothServingAModelFromMemory_whenOneInvalidates_thenTheOtherNoLongerServesItOnceThatReturns() {
        Model old = model(1, "c", 1);
        a().cache(old);
        b().awaitNearHit(old);

        a().near.invalidate(Invalidation.of(List.of(old)));

        assertThat(b().lookup()).as("B right after A's invalidation returned").isInstanceOf(Lookup.Leased.class);
    }

    @Test
    void givenAnInstanceServingFromMemory_whenItsSubscriptionIsLost_thenItStopsAndComesBackWithAnEmptyNearCache() {
        Model cached = model(1, "c", 1);
        a().cache(cached);
        b().awaitNearHit(cached);

        killSubscriptions();
        await().atMost(Duration.ofSeconds(2)).until(() -> !b().near.serving() || b().near.stats().entries() == 0);
        NearCacheTest.awaitServing(b().near);

        long hits = b().near.stats().hits();
        assertThat(b().lookup()).isEqualTo(new Lookup.Hit<>(Presence.of(cached)));
        assertThat(b().near.stats().hits()).as("the first read after the comeback came from Redis: the near cache was flushed").isEqualTo(hits);
    }
}
