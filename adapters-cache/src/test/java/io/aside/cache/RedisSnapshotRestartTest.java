package io.aside.cache;

import static io.aside.cache.CachePortContract.fillOn;
import static io.aside.cache.CachePortContract.key;
import static io.aside.cache.CachePortContract.leaseOf;
import static io.aside.cache.CachePortContract.lookupOn;
import static io.aside.cache.CachePortContract.request;
import static io.aside.cache.TestRedis.firstAnswer;
import static io.aside.cache.TestRedis.firstSuccess;
import static io.aside.domain.model.ModelFixtures.model;
import static io.aside.domain.model.ModelFixtures.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.PageKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A Redis that crashes and comes back from its last snapshot (DESIGN §3.2): the snapshot holds
 * entries that writes which had already answered had invalidated. A cache connected before the crash
 * must serve none of them, and generations must not go back to a number handed out before the crash.
 * Each test: fill, {@code SAVE}, invalidate (the writes that answered), SIGKILL, a read while Redis
 * is down (the service keeps reading, and failing open), start from the dump.
 * A server of this class's own; commands may take {@link TestRedis#UNHURRIED}: this is about which
 * life an entry belongs to, not about time (after the crash, calls on dead connections fail at once).
 */
class RedisSnapshotRestartTest {
    @AutoClose static final RedisServer SERVER = TestServers.dedicatedPersistentRedis();
    static final Duration LEASE_TTL = Duration.ofSeconds(30);
    static final Duration TTL = Duration.ofMinutes(5);
    static final Category CATEGORY = new Category("restored");

    final LifeChanges lifeChanges = new LifeChanges();
    /** Taken before the crash: its life is the one before. */
    final RedisNamespace redis = RedisNamespace.fresh(SERVER);
    @AutoClose final RedisCache cache = new RedisCache(redis.unhurried(), lifeChanges);

    @Test
    void givenModelsReplacedAfterTheSnapshot_whenRedisComesBackFromIt_thenNoneOfTheRestoredValuesIsServed() {
        LongStream.rangeClosed(1, 3).forEach(id -> cache(model(id, "restored")));
        snapshot();
        writesAnswered(models(1, 3), Set.of(CATEGORY));

        crashAndComeBackFromTheSnapshot();

        assertThat(redis.stored(key(1))).as("the snapshot brought the replaced value back").startsWith(StoredFormat.value(redis.life(), "{"));
        assertThat(firstLookupAfterTheComeback(key(1))).isInstanceOf(Lookup.Leased.class);
        assertThat(lookup(key(2))).isInstanceOf(Lookup.Leased.class);
        assertThat(lookup(key(3))).isInstanceOf(Lookup.Leased.class);
        assertThat(lifeChanges.seen()).as("onNewLife").singleElement();
    }

    @Test
    void givenCacheIdleThroughTheOutage_whenRedisComesBackFromTheSnapshot_thenNoRestoredValueIsServed() {
        cache(model(7, "restored"));
        fillOn(cache, new PageKey(CATEGORY, 5), page("restored", 7, 1));
        snapshot();
        writesAnswered(models(7, 7), Set.of(CATEGORY));
        long handedOut = GenerationProbe.of(cache, CATEGORY);

        crashWhileIdleAndComeBackFromTheSnapshot();

        assertThat(firstLookupAfterTheComeback(key(7))).isInstanceOf(Lookup.Leased.class);
        assertThat(GenerationProbe.of(cache, CATEGORY)).isGreaterThan(handedOut);
        assertThat(lifeChanges.seen()).singleElement();
    }

    @Test
    void givenTombstoneReplacedAfterTheSnapshot_whenRedisComesBackFromIt_thenNotFoundIsNotServed() {
        fillOn(cache, key(4), Presence.absent());
        snapshot();
        writesAnswered(models(4, 4), Set.of(CATEGORY)); // the model was created

        crashAndComeBackFromTheSnapshot();

        assertThat(redis.stored(key(4))).isEqualTo(StoredFormat.tombstone(redis.life()));
        assertThat(firstLookupAfterTheComeback(key(4))).isInstanceOf(Lookup.Leased.class);
        assertThat(lifeChanges.seen()).singleElement();
    }

    @Test
    void givenPageAndGenerationInTheSnapshot_whenRedisComesBackFromIt_thenTheGenerationOnlyGoesUpAndTheOldPageIsNotServed() {
        PageKey pageKey = new PageKey(CATEGORY, 20);
        Lease<ModelPage> old = leaseOf(lookup(pageKey));
        assertThat(cache.fill(old, page("restored", 1, 3), TTL)).isTrue();
        long handedOut = snapshotThenMoveTheGenerationOn();

        crashAndComeBackFromTheSnapshot();

        assertThat(redis.storedGeneration(CATEGORY)).as("the snapshot's older generation").isEqualTo(Long.toString(old.generation()));
        assertThat(firstAnswer(() -> GenerationProbe.of(cache, CATEGORY))).isGreaterThan(handedOut);
        assertThat(leaseOf(lookup(pageKey)).generation()).as("the page is missed in a new generation").isGreaterThan(handedOut);
    }

    @Test
    void givenGenerationInTheSnapshot_whenTheFirstCallAfterTheComebackIsAnInvalidation_thenTheGenerationStillOnlyGoesUp() {
        GenerationProbe.of(cache, CATEGORY);
        long handedOut = snapshotThenMoveTheGenerationOn();

        crashAndComeBackFromTheSnapshot();

        firstSuccess(() -> cache.invalidate(new Invalidation(Set.of(), Set.of(CATEGORY))));
        assertThat(GenerationProbe.of(cache, CATEGORY)).isGreaterThan(handedOut);
    }

    @Test
    void givenLeaseInTheSnapshot_whenItsHolderFillsAfterTheComeback_thenTheValueIsNotServed() {
        Lease<Presence<Model>> restored = leaseOf(cache.lookup(key(5), request(LEASE_TTL)));
        snapshot();
        writesAnswered(models(5, 5), Set.of(CATEGORY)); // deleted the lease: its load may be stale

        crashAndComeBackFromTheSnapshot();

        assertThat(redis.stored(key(5))).as("the snapshot brought the lease back").isEqualTo(StoredFormat.lease(redis.life(), restored.token()));
        firstAnswer(() -> cache.fill(restored, Presence.of(model(5, "stale")), TTL));
        assertThat(lookup(key(5))).isInstanceOf(Lookup.Leased.class);
    }

    @Test
    void givenCacheStartedAfterTheComeback_whenLookup_thenTheRestoredValuesAreNotServedEither() {
        cache(model(6, "restored"));
        snapshot();
        writesAnswered(models(6, 6), Set.of(CATEGORY));

        crashAndComeBackFromTheSnapshot();

        try (RedisCache later = new RedisCache(redis.unhurried())) {
            assertThat(later.lookup(key(6), request(LEASE_TTL))).isInstanceOf(Lookup.Leased.class);
        }
    }

    private static Set<ModelId> models(long first, long last) {
        return LongStream.rangeClosed(first, last).mapToObj(ModelId::new).collect(Collectors.toSet());
    }

    /** The first lookup that answers after the comeback, asked again under one token (a retry must not lose its own lease). */
    private <V> Lookup<V> firstLookupAfterTheComeback(CacheKey<V> key) {
        LeaseRequest request = request(LEASE_TTL);
        return firstAnswer(() -> cache.lookup(key, request));
    }

    private <V> Lookup<V> lookup(CacheKey<V> key) {
        return lookupOn(cache, key);
    }

    private void cache(Model model) {
        fillOn(cache, key(model.id().value()), Presence.of(model));
    }

    private void snapshot() {
        assertThat(SERVER.command("SAVE")).isEqualTo("OK");
    }

    /** The invalidations of writes that committed and answered their clients before the crash. */
    private void writesAnswered(Set<ModelId> models, Set<Category> categories) {
        cache.invalidate(new Invalidation(models, categories));
    }

    /**
     * Snapshots, then two writes that answered move {@link #CATEGORY}'s generation on past the one
     * the snapshot holds. Returns the generation handed out last before the crash.
     */
    private long snapshotThenMoveTheGenerationOn() {
        snapshot();
        writesAnswered(Set.of(), Set.of(CATEGORY));
        writesAnswered(Set.of(), Set.of(CATEGORY));
        return GenerationProbe.of(cache, CATEGORY);
    }

    /**
     * SIGKILL, a read during the outage (it fails open, and the pool cannot replace the broken
     * connection it used: when Redis is back the cache knows only the old life, and the next read
     * makes the connection that finds the new one), then Redis starts again from the snapshot.
     */
    private void crashAndComeBackFromTheSnapshot() {
        SERVER.kill();
        assertThatThrownBy(() -> cache.lookup(key(999), request(LEASE_TTL))).as("a read during the outage")
                .isInstanceOf(CacheUnavailableException.class);
        comeBackFromTheSnapshot();
    }

    /** SIGKILL while the cache is idle: its pooled connection is replaced when the next read finds it broken. */
    private void crashWhileIdleAndComeBackFromTheSnapshot() {
        SERVER.kill();
        comeBackFromTheSnapshot();
    }

    private void comeBackFromTheSnapshot() {
        SERVER.start();
        assertThat(StoredFormat.lifeOf(SERVER)).as("a new life").isNotEqualTo(redis.life());
        assertThat(lifeChanges.seen()).as("not noticed before the cache is used").isEmpty();
    }
}
