package io.aside.cache;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.PageKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fence (DESIGN §3.3): nothing read before an invalidation arrived is served after it, in whichever order the two meet. */
class NearEntriesTest {
    private static final ModelKey KEY = new ModelKey(new ModelId(1));
    private static final PageKey PAGE = new PageKey(new Category("tools"), 10);
    private static final Presence<Model> OLD = Presence.of(model(1, "tools"));

    private final NearEntries entries = new NearEntries(NearCacheSettings.ofSize(1 << 20));

    @Test
    void givenAValueReadAfterTheLastInvalidation_whenPut_thenServed() {
        entries.put(KEY, OLD, entries.fence(), null);

        assertThat(entries.get(KEY)).isEqualTo(OLD);
    }

    @Test
    void givenAReadInFlight_whenTheInvalidationArrivesBeforeItsValue_thenTheValueIsNotKept() {
        long fence = entries.fence(); // the lookup is sent
        entries.apply(invalidationOf(1)); // the write's invalidation overtakes the reply

        entries.put(KEY, OLD, fence, null);

        assertThat(entries.get(KEY)).isNull();
    }

    @Test
    void givenAValueKept_whenTheInvalidationArrivesAfterIt_thenItIsNoLongerServed() {
        entries.put(KEY, OLD, entries.fence(), null);

        entries.apply(invalidationOf(1));

        assertThat(entries.get(KEY)).isNull();
    }

    @Test
    void givenACategoryInvalidated_whenItsPagesAreAsked_thenEveryPageOfItMissesAndOthersStay() {
        PageKey other = new PageKey(new Category("toys"), 10);
        ModelPage page = new ModelPage(List.of(model(1, "tools")));
        entries.put(PAGE, page, entries.fence(), null);
        entries.put(other, page, entries.fence(), null);

        entries.apply(new Invalidation(Set.of(), Set.of(new Category("tools"))));

        assertThat(entries.get(PAGE)).isNull();
        assertThat(entries.get(other)).isEqualTo(page);
    }

    @Test
    void givenAnInvalidationOfAnotherModel_whenTheReadLands_thenItIsKept() {
        long fence = entries.fence();
        entries.apply(invalidationOf(2));

        entries.put(KEY, OLD, fence, null);

        assertThat(entries.get(KEY)).isEqualTo(OLD);
    }

    @Test
    void givenAFlush_whenAReadFromBeforeItLands_thenItIsNotKeptButLaterReadsAre() {
        long before = entries.fence();
        entries.put(KEY, OLD, before, null);

        entries.flush();
        entries.put(KEY, OLD, before, null);
        assertThat(entries.get(KEY)).isNull();

        entries.put(KEY, OLD, entries.fence(), null);
        assertThat(entries.get(KEY)).isEqualTo(OLD);
    }

    @Test
    void givenATtlShorterThanTheEntryTtl_whenItPasses_thenTheEntryIsGone() throws InterruptedException {
        entries.put(KEY, OLD, entries.fence(), Duration.ofMillis(20));

        Thread.sleep(60);

        assertThat(entries.get(KEY)).isNull();
    }

    @Test
    void givenMoreThanItsSize_whenFilled_thenItStaysWithinItsBytes() {
        NearEntries small = new NearEntries(NearCacheSettings.ofSize(64 * 1024));
        for (long id = 1; id <= 2_000; id++) small.put(new ModelKey(new ModelId(id)), Presence.of(model(id, "c")), small.fence(), null);

        assertThat(small.weightedBytes()).isLessThanOrEqualTo(64 * 1024);
        assertThat(small.evictions()).isPositive();
    }

    private static Invalidation invalidationOf(long id) {
        return new Invalidation(Set.of(new ModelId(id)), Set.of());
    }
}
