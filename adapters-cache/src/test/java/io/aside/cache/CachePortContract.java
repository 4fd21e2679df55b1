package io.aside.cache;

import static io.aside.domain.model.ModelFixtures.HOSTILE_CREATED;
import static io.aside.domain.model.ModelFixtures.HOSTILE_UPDATED;
import static io.aside.domain.model.ModelFixtures.hostileModel;
import static io.aside.domain.model.ModelFixtures.model;
import static io.aside.domain.model.ModelFixtures.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.PageKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cache protocol (DESIGN §3) every {@link CachePort} obeys. Subclasses supply a fresh, empty cache. */
abstract class CachePortContract {
    static final Duration LEASE_TTL = Duration.ofSeconds(10);
    static final Duration TTL = Duration.ofMinutes(5);
    static final Duration SHORT = Duration.ofMillis(250);

    protected CachePort cache;

    /** A cache no other test sees. */
    protected abstract CachePort newCache();

    protected void close(CachePort cache) {}

    @BeforeEach
    void createCache() {
        cache = newCache();
    }

    @AfterEach
    void closeCache() {
        close(cache);
    }

    static ModelKey key(long id) {
        return new ModelKey(new ModelId(id));
    }

    /** A lease request under a token no one else uses, as each reader's own load picks. */
    static LeaseRequest request(Duration leaseTtl) {
        return new LeaseRequest(UUID.randomUUID().toString(), leaseTtl);
    }

    static <V> Lease<V> leaseOf(Lookup<V> lookup) {
        assertThat(lookup).isInstanceOf(Lookup.Leased.class);
        return ((Lookup.Leased<V>) lookup).lease();
    }

    /** A lookup by a new reader: a token of its own. */
    <V> Lookup<V> lookup(CacheKey<V> key) {
        return lookupOn(cache, key);
    }

    /** A lookup of {@code key} on {@code cache} by a new reader: a token of its own. */
    static <V> Lookup<V> lookupOn(CachePort cache, CacheKey<V> key) {
        return cache.lookup(key, request(LEASE_TTL));
    }

    /** Fills {@code key} on {@code cache} with {@code value} under a new reader's lease, which must be granted. */
    static <V> void fillOn(CachePort cache, CacheKey<V> key, V value) {
        assertThat(cache.fill(leaseOf(lookupOn(cache, key)), value, TTL)).isTrue();
    }

    <V> Lease<V> lease(CacheKey<V> key) {
        return leaseOf(lookup(key));
    }

    /** A lease that lapses after {@link #SHORT} unless extended. */
    <V> Lease<V> shortLease(CacheKey<V> key) {
        return leaseOf(cache.lookup(key, request(SHORT)));
    }

    /** A lease with a short TTL, then waits until someone else could take the key: the lease has lapsed. */
    <V> Lease<V> lapsedLease(CacheKey<V> key) {
        Lease<V> lapsed = shortLease(key);
        awaitLeasedAgain(key);
        return lapsed;
    }

    /**
     * Waits until a new reader is handed the lease on {@code key} (what held it, a lease or an entry,
     * has lapsed), and returns that reader's lease.
     */
    <V> Lease<V> awaitLeasedAgain(CacheKey<V> key) {
        return leaseOf(await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> lookup(key), lookup -> lookup instanceof Lookup.Leased));
    }

    long generation(Category category) {
        return GenerationProbe.of(cache, category);
    }

    void release(Lease<?> lease) {
        cache.release(lease.key(), lease.token());
    }

    void cacheModel(Model model) {
        fillOn(cache, new ModelKey(model.id()), Presence.of(model));
    }

    @Test
    void givenColdKey_whenLookup_thenLeasedForThatKey() {
        LeaseRequest request = request(LEASE_TTL);

        Lookup<Presence<Model>> lookup = cache.lookup(key(1), request);

        assertThat(leaseOf(lookup)).isEqualTo(new Lease<>(key(1), request.token(), 0));
    }

    @Test
    void givenLeaseHeld_whenSecondLookup_thenBusy() {
        lease(key(1));

        assertThat(lookup(key(1))).isInstanceOf(Lookup.Busy.class);
    }

    @Test
    void givenLeaseHeld_whenOtherKeyLooked_thenLeasedIndependently() {
        lease(key(1));

        assertThat(lookup(key(2))).isInstanceOf(Lookup.Leased.class);
    }

    @Test
    void givenColdKey_when32ThreadsLookAtOnce_thenExactlyOneLeasedAndTheRestBusy() throws Exception {
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Lookup<Presence<Model>>>> readers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                readers.add(() -> {
                    start.await();
                    return lookup(key(7));
                });
            }
            List<Future<Lookup<Presence<Model>>>> futures = readers.stream().map(pool::submit).toList();
            start.countDown();
            List<Lookup<Presence<Model>>> results = new ArrayList<>();
            for (Future<Lookup<Presence<Model>>> f : futures) results.add(f.get());

            assertThat(results).filteredOn(r -> r instanceof Lookup.Leased).hasSize(1);
            assertThat(results).filteredOn(r -> r instanceof Lookup.Busy).hasSize(threads - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenLease_whenFilledWithModel_thenLookupHitsAnEqualModel() {
        Model model = hostileModel(42);
        Lease<Presence<Model>> lease = lease(key(42));

        assertThat(cache.fill(lease, Presence.of(model), TTL)).isTrue();

        Lookup<Presence<Model>> lookup = lookup(key(42));
        assertThat(lookup).isEqualTo(new Lookup.Hit<>(Presence.of(model)));
        Model cached = ((Presence.Present<Model>) ((Lookup.Hit<Presence<Model>>) lookup).value()).value();
        assertThat(cached.name()).isEqualTo(model.name());
        assertThat(cached.category()).isEqualTo(model.category());
        assertThat(cached.attributes()).containsExactlyInAnyOrderEntriesOf(model.attributes());
        assertThat(cached.version()).isEqualTo(model.version());
        assertThat(cached.createdAt()).isEqualTo(HOSTILE_CREATED);
        assertThat(cached.updatedAt()).isEqualTo(HOSTILE_UPDATED);
    }

    @Test
    void givenForeignLease_whenFill_thenRefusedAndHolderCanStillFill() {
        Lease<Presence<Model>> holder = lease(key(3));
        Lease<Presence<Model>> foreign = new Lease<>(key(3), "not-the-holders-token", 0);

        assertThat(cache.fill(foreign, Presence.of(model(3, "c")), TTL)).isFalse();
        assertThat(lookup(key(3))).isInstanceOf(Lookup.Busy.class);
        assertThat(cache.fill(holder, Presence.of(model(3, "c")), TTL)).isTrue();
    }

    @Test
    void givenNoLeaseOnTheKey_whenFill_thenRefusedAndNothingStored() {
        Lease<Presence<Model>> stale = new Lease<>(key(4), "never-granted", 0);

        assertThat(cache.fill(stale, Presence.of(model(4, "c")), TTL)).isFalse();
        assertThat(lookup(key(4))).isInstanceOf(Lookup.Leased.class);
    }

    @Test
    void givenLeaseAlreadyFilled_whenFilledAgain_thenRefusedAndFirstValueKept() {
        Lease<Presence<Model>> lease = lease(key(5));
        cache.fill(lease, Presence.of(model(5, "first")), TTL);

        assertThat(cache.fill(lease, Presence.of(model(5, "second")), TTL)).isFalse();
        assertThat(lookup(key(5))).isEqualTo(new Lookup.Hit<>(Presence.of(model(5, "first"))));
    }

    @Test
    void givenLease_whenKeyInvalidatedBeforeFill_thenFillRefusedAndNextLookupLeasesAgain() {
        Lease<Presence<Model>> lease = lease(key(6));

        cache.invalidate(new Invalidation(Set.of(new ModelId(6)), Set.of()));

        assertThat(cache.fill(lease, Presence.of(model(6, "stale")), TTL)).isFalse();
        assertThat(lookup(key(6))).isInstanceOf(Lookup.Leased.class);
    }

    @Test
    void givenCachedModel_whenInvalidated_thenNextLookupLeases() {
        cacheModel(model(8, "c"));

        cache.invalidate(Invalidation.of(List.of(model(8, "c"))));

        assertThat(lookup(key(8))).isInstanceOf(Lookup.Leased.class);
    }

    @Test
    void givenLease_whenReleased_thenNextLookupLeases() {
        Lease<Presence<Model>> lease = lease(key(9));

        cache.release(lease.key(), lease.token());

        assertThat(lookup(key(9))).isInstanceOf(Lookup.Leased.class);
    }

    @Test
    void givenLeaseHeld_whenForeignLeaseReleased_thenHolderKeepsIt() {
        Lease<Presence<Model>> holder = lease(key(10));

        cache.release(key(10), "someone-else");

        assertThat(lookup(key(10))).isInstanceOf(Lookup.Busy.class);
        assertThat(cache.fill(holder, Presence.of(model(10, "c")), TTL)).isTrue();
    }

    @Test
    void givenCachedValue_whenStaleLeaseReleased_thenValueStays() {
        Lease<Presence<Model>> lease = lease(key(11));
        cache.fill(lease, Presence.of(model(11, "c")), TTL);

        cache.release(lease.key(), lease.token());

        assertThat(lookup(key(11))).isInstanceOf(Lookup.Hit.class);
    }

    @Test
    void givenEmptyFill_whenLookup_thenAbsent() {
        assertThat(cache.fill(lease(key(12)), Presence.absent(), TTL)).isTrue();

        assertThat(lookup(key(12))).isEqualTo(new Lookup.Hit<>(Presence.absent()));
    }

    @Test
    void givenFilledValueWithShortTtl_whenTtlLapses_thenLookupLeasesAgain() {
        cache.fill(lease(key(13)), Presence.of(model(13, "c")), SHORT);
        assertThat(lookup(key(13))).isInstanceOf(Lookup.Hit.class);

        awaitLeasedAgain(key(13));
    }

    @Test
    void givenTombstoneWithShortTtl_whenTtlLapses_thenLookupLeasesAgain() {
        cache.fill(lease(key(14)), Presence.absent(), SHORT);
        assertThat(lookup(key(14))).isEqualTo(new Lookup.Hit<>(Presence.absent()));

        awaitLeasedAgain(key(14));
    }

    @Test
    void givenLeaseHolderVanishes_whenLeaseTtlLapses_thenNewLeaseAndOldLeaseCannotFill() {
        Lease<Presence<Model>> vanished = shortLease(key(15));
        assertThat(lookup(key(15))).isInstanceOf(Lookup.Busy.class);

        awaitLeasedAgain(key(15));

        assertThat(cache.fill(vanished, Presence.of(model(15, "late")), TTL)).isFalse();
    }

    @Test
    void givenManyCachedModels_whenInvalidatedAtOnce_thenAllMissAndTheRestStayCached() {
        LongStream.rangeClosed(100, 149).forEach(id -> cacheModel(model(id, "c")));
        Set<ModelId> gone = LongStream.rangeClosed(100, 139).mapToObj(ModelId::new).collect(Collectors.toSet());

        cache.invalidate(new Invalidation(gone, Set.of(new Category("c"))));

        LongStream.rangeClosed(100, 139).forEach(id ->
                assertThat(lookup(key(id))).as("model %d", id).isInstanceOf(Lookup.Leased.class));
        LongStream.rangeClosed(140, 149).forEach(id ->
                assertThat(lookup(key(id))).as("model %d", id).isInstanceOf(Lookup.Hit.class));
    }

    @Test
    void givenEmptyInvalidation_whenInvalidate_thenNothingChanges() {
        assertEmptyInvalidationChangesNothing(cache::invalidate);
    }

    @Test
    void givenCategory_whenGenerationReadRepeatedly_thenStable() {
        Category category = new Category("stable");

        long first = generation(category);

        assertThat(generation(category)).isEqualTo(first);
        assertThat(generation(category)).isEqualTo(first);
    }

    @Test
    void givenNewCategory_whenGenerationRead_thenStartsFromTheClockNotZero() {
        long before = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now().minusSeconds(60));
        long after = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now().plusSeconds(60));

        assertThat(generation(new Category("fresh \uD83C\uDF31"))).isBetween(before, after);
    }

    @Test
    void givenCategory_whenInvalidated_thenItsGenerationMovesOnAndOthersStay() {
        Category touched = new Category("touched");
        Category other = new Category("other");
        long touchedBefore = generation(touched);
        long otherBefore = generation(other);

        cache.invalidate(new Invalidation(Set.of(), Set.of(touched)));

        long touchedAfter = generation(touched);
        assertThat(touchedAfter).isGreaterThan(touchedBefore);
        assertThat(generation(touched)).isEqualTo(touchedAfter);
        assertThat(generation(other)).isEqualTo(otherBefore);
    }

    @Test
    void givenSeveralCategories_whenInvalidatedTogether_thenEachMovesOn() {
        Category a = new Category("a");
        Category b = new Category("b with spaces: and colons");
        long aBefore = generation(a);
        long bBefore = generation(b);

        cache.invalidate(new Invalidation(Set.of(new ModelId(1)), Set.of(a, b)));

        assertThat(generation(a)).isGreaterThan(aBefore);
        assertThat(generation(b)).isGreaterThan(bBefore);
    }

    @Test
    void givenPageLease_whenFilledWithPage_thenLookupHitsAnEqualPage() {
        Category category = new Category("pages");
        PageKey key = new PageKey(category, 3);
        ModelPage page = new ModelPage(List.of(model(1, "pages"), hostileModel(2), model(3, "pages")));

        assertThat(cache.fill(lease(key), page, TTL)).isTrue();

        assertThat(lookup(key)).isEqualTo(new Lookup.Hit<>(page));
    }

    @Test
    void givenEmptyPageFilled_whenLookup_thenHitWithEmptyPageNotAbsent() {
        PageKey key = new PageKey(new Category("empty"), 20);

        cache.fill(lease(key), new ModelPage(List.of()), TTL);

        assertThat(lookup(key)).isEqualTo(new Lookup.Hit<>(new ModelPage(List.of())));
    }

    @Test
    void givenCachedPage_whenCategoryInvalidated_thenThePageOfTheNewGenerationMisses() {
        Category category = new Category("listed");
        PageKey key = new PageKey(category, 20);
        Lease<ModelPage> old = lease(key);
        cache.fill(old, page("listed", 1, 2), TTL);

        cache.invalidate(new Invalidation(Set.of(), Set.of(category)));

        assertThat(leaseOf(lookup(key)).generation()).isGreaterThan(old.generation());
    }

    @Test
    void givenPageLease_whenItsCategoryIsInvalidatedBeforeTheFill_thenTheFillIsRefusedAndTheNewGenerationStillMisses() {
        Category category = new Category("raced");
        PageKey key = new PageKey(category, 20);
        Lease<ModelPage> loadedBeforeTheWrite = lease(key);

        cache.invalidate(new Invalidation(Set.of(), Set.of(category)));

        assertThat(cache.extend(loadedBeforeTheWrite, LEASE_TTL)).isFalse();
        assertThat(cache.fill(loadedBeforeTheWrite, page("raced", 1, 1), TTL)).isFalse();
        assertThat(lookup(key)).isInstanceOf(Lookup.Leased.class);
    }

    @Test
    void givenPageLeaseLost_whenReleasedByToken_thenTheNextReaderLeases() {
        PageKey key = new PageKey(new Category("released"), 5);
        LeaseRequest request = request(LEASE_TTL);
        cache.lookup(key, request);

        cache.release(key, request.token());

        assertThat(lookup(key)).isInstanceOf(Lookup.Leased.class);
    }

    @Test
    void givenModelAndPageKeys_whenBothFilled_thenTheyDoNotCollide() {
        PageKey page = new PageKey(new Category("c"), 42);
        cacheModel(model(42, "c"));

        assertThat(lookup(page)).isInstanceOf(Lookup.Leased.class);
    }

    @Test
    void givenNonPositiveTtl_whenFillOrLookup_thenIllegalArgument() {
        Lease<Presence<Model>> lease = lease(key(17));

        assertThatThrownBy(() -> cache.fill(lease, Presence.of(model(17, "c")), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.lookup(key(18), request(Duration.ofMillis(-1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.extend(lease, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- retried lookups (DESIGN §3.1: a lookup whose reply was lost is asked again with its token)

    @Test
    void givenLeaseTaken_whenLookupRetriedWithTheSameToken_thenLeasedAgainAndOtherTokensBusy() {
        LeaseRequest request = request(LEASE_TTL);
        Lease<Presence<Model>> first = leaseOf(cache.lookup(key(20), request));

        assertThat(cache.lookup(key(20), request)).isEqualTo(new Lookup.Leased<>(first));
        assertThat(lookup(key(20))).isInstanceOf(Lookup.Busy.class);
        assertThat(cache.fill(first, Presence.of(model(20, "c")), TTL)).isTrue();
    }

    @Test
    void givenLeaseFilled_whenLookupRetriedWithItsToken_thenHitNotANewLease() {
        LeaseRequest request = request(LEASE_TTL);
        cache.fill(leaseOf(cache.lookup(key(21), request)), Presence.of(model(21, "c")), TTL);

        assertThat(cache.lookup(key(21), request)).isEqualTo(new Lookup.Hit<>(Presence.of(model(21, "c"))));
    }

    // --- extend (DESIGN §3.1: a slow load keeps its lease)

    @Test
    void givenLeaseExtended_whenItsOriginalTtlHasPassed_thenStillHeldAndItsFillIsServed() {
        Lease<Presence<Model>> extended = shortLease(key(22));
        assertThat(cache.extend(extended, LEASE_TTL)).isTrue();

        lapsedLease(key(23)); // taken after the first with the same TTL: once it has lapsed, so has the original TTL

        assertThat(lookup(key(22))).isInstanceOf(Lookup.Busy.class);
        assertThat(cache.fill(extended, Presence.of(model(22, "c")), TTL)).isTrue();
        assertThat(lookup(key(22))).isEqualTo(new Lookup.Hit<>(Presence.of(model(22, "c"))));
    }

    @Test
    void givenExtendedLease_whenFilledAtOnce_thenStoredAndServed() {
        Lease<Presence<Model>> lease = lease(key(24));
        cache.extend(lease, LEASE_TTL.multipliedBy(2));

        assertThat(cache.fill(lease, Presence.absent(), TTL)).isTrue();
        assertThat(lookup(key(24))).isEqualTo(new Lookup.Hit<>(Presence.absent()));
    }

    @Test
    void givenLeaseInvalidated_whenExtended_thenFalseAndNoLeaseComesBack() {
        Lease<Presence<Model>> lease = lease(key(25));
        cache.invalidate(new Invalidation(Set.of(new ModelId(25)), Set.of()));

        assertThat(cache.extend(lease, LEASE_TTL)).isFalse();
        assertThat(lookup(key(25))).isInstanceOf(Lookup.Leased.class);
        assertThat(cache.fill(lease, Presence.of(model(25, "stale")), TTL)).isFalse();
    }

    @Test
    void givenLeaseLapsedAndTakenByAnother_whenExtended_thenFalseAndTheOthersLeaseStays() {
        Lease<Presence<Model>> lapsed = shortLease(key(26));
        Lease<Presence<Model>> theirs = awaitLeasedAgain(key(26));

        assertThat(cache.extend(lapsed, LEASE_TTL)).isFalse();
        assertThat(cache.fill(lapsed, Presence.of(model(26, "late")), TTL)).isFalse();
        assertThat(cache.fill(theirs, Presence.of(model(26, "theirs")), TTL)).isTrue();
        assertThat(lookup(key(26))).isEqualTo(new Lookup.Hit<>(Presence.of(model(26, "theirs"))));
    }

    @Test
    void givenLeaseAlreadyFilled_whenExtended_thenFalseAndTheValueStays() {
        Lease<Presence<Model>> lease = lease(key(27));
        cache.fill(lease, Presence.of(model(27, "c")), TTL);

        assertThat(cache.extend(lease, LEASE_TTL)).isFalse();
        assertThat(lookup(key(27))).isEqualTo(new Lookup.Hit<>(Presence.of(model(27, "c"))));
    }

    @Test
    void givenForeignToken_whenExtended_thenFalseAndTheHolderKeepsItsLease() {
        Lease<Presence<Model>> holder = lease(key(28));

        assertThat(cache.extend(new Lease<>(key(28), "someone-else", 0), LEASE_TTL)).isFalse();
        assertThat(cache.fill(holder, Presence.of(model(28, "c")), TTL)).isTrue();
    }

    // --- release by token

    @Test
    void givenOurLeaseLapsedAndAnotherTookIt_whenWeRelease_thenTheirLeaseStays() {
        Lease<Presence<Model>> lapsed = shortLease(key(29));
        Lease<Presence<Model>> theirs = awaitLeasedAgain(key(29));

        cache.release(lapsed.key(), lapsed.token());

        assertThat(lookup(key(29))).isInstanceOf(Lookup.Busy.class);
        assertThat(cache.fill(theirs, Presence.of(model(29, "c")), TTL)).isTrue();
    }

    // --- invalidatePatiently: the last attempt of a committed write's invalidation

    @Test
    void givenCachedModelPendingLeaseAndCategory_whenInvalidatedPatiently_thenLikeInvalidate() {
        Model cached = model(30, "patient");
        cacheModel(cached);
        Lease<Presence<Model>> racing = lease(key(31));
        long generation = generation(cached.category());

        cache.invalidatePatiently(new Invalidation(Set.of(new ModelId(30), new ModelId(31)), Set.of(cached.category())));

        assertThat(lookup(key(30))).isInstanceOf(Lookup.Leased.class);
        assertThat(cache.fill(racing, Presence.of(model(31, "stale")), TTL)).isFalse();
        assertThat(generation(cached.category())).isGreaterThan(generation);
    }

    @Test
    void givenEmptyInvalidation_whenInvalidatedPatiently_thenNothingChanges() {
        assertEmptyInvalidationChangesNothing(cache::invalidatePatiently);
    }

    @Test
    void givenWorkingCache_whenPinged_thenAnswers() {
        cache.ping();
    }

    /** A cached model and a category's generation stay as they were. */
    private void assertEmptyInvalidationChangesNothing(Consumer<Invalidation> invalidation) {
        Category category = new Category("c");
        cacheModel(model(16, "c"));
        long generation = generation(category);

        invalidation.accept(new Invalidation(Set.of(), Set.of()));

        assertThat(lookup(key(16))).isInstanceOf(Lookup.Hit.class);
        assertThat(generation(category)).isEqualTo(generation);
    }
}
