package io.aside.cache;

import static io.aside.cache.CachePortContract.fillOn;
import static io.aside.cache.CachePortContract.key;
import static io.aside.cache.CachePortContract.leaseOf;
import static io.aside.cache.CachePortContract.lookupOn;
import static io.aside.domain.model.ModelFixtures.model;
import static io.aside.domain.model.ModelFixtures.page;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.PageKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Redis at {@code maxmemory} with {@code noeviction} refuses writes. The cache keeps serving hits,
 * answers misses with {@link Lookup.Uncached} and refused fills with false, never with an error, so
 * a breaker around it stays closed; invalidations still apply in full, since a write that answered
 * must not leave its old entries behind. A server of this class's own, emptied before each test.
 * Commands may take {@link TestRedis#UNHURRIED}: this is about what a full Redis answers, not when.
 */
class RedisMemoryPressureTest {
    @AutoClose static final RedisServer SERVER = TestServers.dedicatedRedis();
    static final Duration LEASE_TTL = Duration.ofSeconds(30);
    static final Duration TTL = Duration.ofMinutes(10);
    /** Any single failure in the window opens it: the cache must not fail at all. */
    static final CircuitBreakerSettings OPENS_ON_ANY_FAILURE = new CircuitBreakerSettings(1, Duration.ofSeconds(60), 1, Duration.ofMinutes(1), 1);
    /** A category whose generation no test reads before invalidating it: the invalidation starts one. */
    static final Category UNSEEN = new Category("no generation yet");

    final MemoryPressure memory = new MemoryPressure(SERVER);
    RedisNamespace redis;
    @AutoClose RedisCache redisCache;
    CircuitBreakingCache cache;

    @BeforeEach
    void connectToAnEmptyServer() {
        memory.lift();
        redis = RedisNamespace.fresh(SERVER);
        redisCache = new RedisCache(redis.unhurried());
        cache = new CircuitBreakingCache(redisCache, OPENS_ON_ANY_FAILURE);
    }

    @AfterEach
    void liftTheLimit() {
        memory.lift();
    }

    @Test
    void givenRedisOutOfMemory_whenRead_thenHitsAreServedAndNewKeysAreUncachedWithoutErrors() {
        Model cached = model(1, "full");
        cache(cached);
        PageKey pageKey = new PageKey(cached.category(), 10);
        ModelPage listed = page("full", 1, 3);
        fillOn(cache, pageKey, listed);

        exhaustMemory();

        assertThat(lookup(key(1))).isEqualTo(new Lookup.Hit<>(Presence.of(cached)));
        assertThat(lookup(pageKey)).isEqualTo(new Lookup.Hit<>(listed));
        assertThat(lookup(key(2))).isInstanceOf(Lookup.Uncached.class);
        assertThat(lookup(new PageKey(new Category("never listed"), 10))).isInstanceOf(Lookup.Uncached.class);
        assertThat(cache.isShedding()).isFalse();
    }

    @Test
    void givenLeaseTakenBeforeRedisRanOutOfMemory_whenFilled_thenFalseWithoutErrorAndTheLeaseStillHolds() {
        Lease<Presence<Model>> pending = leaseOf(lookup(key(3)));

        exhaustMemory();

        assertThat(cache.fill(pending, Presence.of(model(3, "full")), TTL)).isFalse();
        assertThat(cache.fill(pending, Presence.absent(), TTL)).isFalse();
        assertThat(lookup(key(3))).isInstanceOf(Lookup.Busy.class);
        assertThat(cache.isShedding()).isFalse();
    }

    @Test
    void givenLeasesTakenBeforeRedisRanOutOfMemory_whenExtendedAndReleased_thenBothWorkWithoutError() {
        Lease<Presence<Model>> slowLoad = leaseOf(lookup(key(4)));
        Lease<Presence<Model>> givenBack = leaseOf(lookup(key(5)));

        exhaustMemory();

        assertThat(cache.extend(slowLoad, LEASE_TTL.multipliedBy(2))).isTrue();
        cache.release(givenBack.key(), givenBack.token());
        assertThat(redis.stored(key(5))).as("released").isNull();
        assertThat(lookup(key(4))).isInstanceOf(Lookup.Busy.class);
        assertThat(cache.isShedding()).isFalse();
    }

    @Test
    void givenRedisOutOfMemory_whenAPageOfAnUnseenCategoryIsRead_thenUncachedWithoutError() {
        exhaustMemory();

        assertThat(lookup(new PageKey(new Category("unseen"), 3))).isInstanceOf(Lookup.Uncached.class);
        assertThat(cache.isShedding()).isFalse();
    }

    @Test
    void givenRedisOutOfMemory_whenOnlyCategoriesInvalidated_thenEveryGenerationIsBumped() {
        // No model key to delete first: the script's first write is a generation bump, which a full
        // Redis refuses unless the script is allowed to run out of memory.
        Category seen = new Category("seen");
        long seenBefore = GenerationProbe.of(cache, seen);

        exhaustMemory();
        cache.invalidate(new Invalidation(Set.of(), Set.of(seen, UNSEEN)));

        assertThat(redis.generation(seen)).isGreaterThan(seenBefore);
        assertThat(redis.storedGeneration(UNSEEN)).as("started and bumped").isNotNull();
        assertThat(cache.isShedding()).isFalse();
    }

    @Test
    void givenRedisOutOfMemory_whenInvalidated_thenEveryKeyIsDeletedAndEveryGenerationBumped() {
        assertInvalidationAppliesInFull(cache::invalidate);
    }

    @Test
    void givenRedisOutOfMemory_whenInvalidatedPatiently_thenEveryKeyIsDeletedAndEveryGenerationBumped() {
        assertInvalidationAppliesInFull(cache::invalidatePatiently);
    }

    /** Two cached models, a pending lease, two categories with generations and one without: all of it goes, at once. */
    private void assertInvalidationAppliesInFull(Consumer<Invalidation> invalidation) {
        Category first = new Category("first");
        Category second = new Category("second");
        cache(model(10, "first"));
        cache(model(11, "second"));
        Lease<Presence<Model>> racing = leaseOf(lookup(key(12)));
        long firstBefore = GenerationProbe.of(cache, first);
        long secondBefore = GenerationProbe.of(cache, second);

        exhaustMemory();
        invalidation.accept(new Invalidation(Set.of(new ModelId(10), new ModelId(11), new ModelId(12)), Set.of(first, second, UNSEEN)));

        assertThat(redis.stored(key(10))).isNull();
        assertThat(redis.stored(key(11))).isNull();
        assertThat(redis.stored(key(12))).isNull();
        assertThat(lookup(key(10))).as("still full: no lease, no error").isInstanceOf(Lookup.Uncached.class);
        assertThat(cache.fill(racing, Presence.of(model(12, "stale")), TTL)).isFalse();
        assertThat(redis.generation(first)).isGreaterThan(firstBefore);
        assertThat(redis.generation(second)).isGreaterThan(secondBefore);
        assertThat(redis.storedGeneration(UNSEEN)).as("started and bumped").isNotNull();
        assertThat(cache.isShedding()).isFalse();
    }

    private void exhaustMemory() {
        memory.exhaust(cache);
        assertThat(memory.refusesWrites(cache)).as("Redis refuses writes").isTrue();
    }

    private <V> Lookup<V> lookup(CacheKey<V> key) {
        return lookupOn(cache, key);
    }

    private void cache(Model model) {
        fillOn(cache, key(model.id().value()), Presence.of(model));
    }
}
