package io.aside.cache;

import static io.aside.domain.model.ModelFixtures.CREATED;
import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.port.CachePort;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * The contract on a real Redis, plus what only Redis has: key layout and stored format, script
 * cache, lost or stale generation keys. Commands may take {@link TestRedis#UNHURRIED} (it says why):
 * these prove the protocol; the production timeouts are exercised by {@link RedisCacheFailureTest}
 * and {@link RedisLostReplyTest}.
 */
class RedisCacheTest extends CachePortContract {
    static final RedisServer SERVER = TestServers.redis();
    static RedisClient raw;

    String namespace;
    String life;

    @BeforeAll
    static void connectRawClient() {
        raw = RedisClient.create(SERVER.host(), SERVER.port());
    }

    @AfterAll
    static void closeRawClient() {
        raw.close();
    }

    @Override
    protected CachePort newCache() {
        namespace = SERVER.freshNamespace();
        life = StoredFormat.lifeOf(SERVER);
        return new RedisCache(TestRedis.unhurried(SERVER, namespace));
    }

    @Override
    protected void close(CachePort cache) {
        ((RedisCache) cache).close();
    }

    @Test
    void givenFilledModel_whenReadRaw_thenKeyIsNamespaceV1ModelIdHoldingJsonTaggedWithTheServersLife() {
        cacheModel(model(42, "c"));

        String stored = raw.get(namespace + ":v1:model:42");

        assertThat(life).hasSize(16);
        assertThat(stored).startsWith(StoredFormat.value(life, "{"))
                .contains("\"id\":42", "\"createdAt\":\"" + CREATED + "\"");
        assertThat(raw.pttl(namespace + ":v1:model:42")).isBetween(1L, TTL.toMillis());
    }

    @Test
    void givenDefaultNamespace_whenModelCached_thenRedisKeyIsAsideV1Model42() {
        // A database of its own, so the fixed default key cannot meet another test's.
        RedisSettings defaults = RedisSettings.fromUrl(SERVER.url() + "/7").withTimeouts(TestRedis.UNHURRIED, TestRedis.UNHURRIED);
        try (RedisCache cache = new RedisCache(defaults); RedisClient db7 = RedisClient.create(SERVER.url() + "/7")) {
            Lease<Presence<Model>> lease = leaseOf(cache.lookup(key(42), request(LEASE_TTL)));
            assertThat(db7.get("aside:v1:model:42")).isEqualTo(StoredFormat.lease(life, lease.token()));

            cache.fill(lease, Presence.of(model(42, "c")), TTL);

            assertThat(db7.get("aside:v1:model:42")).startsWith(StoredFormat.value(life, "{"));
            db7.del("aside:v1:model:42");
        }
    }

    @Test
    void givenLease_whenReadRaw_thenLeaseMarkerWithLifeAndTokenAndTheLeaseTtl() {
        Lease<Presence<Model>> lease = lease(key(1));

        assertThat(raw.get(namespace + ":v1:model:1")).isEqualTo(StoredFormat.lease(life, lease.token()));
        assertThat(raw.pttl(namespace + ":v1:model:1")).isBetween(1L, LEASE_TTL.toMillis());
    }

    @Test
    void givenShortLease_whenExtended_thenItsRedisTtlIsTheNewOne() {
        Lease<Presence<Model>> lease = leaseOf(cache.lookup(key(1), request(SHORT)));

        cache.extend(lease, LEASE_TTL);

        assertThat(raw.pttl(namespace + ":v1:model:1")).isBetween(SHORT.toMillis() + 1, LEASE_TTL.toMillis());
        assertThat(raw.get(namespace + ":v1:model:1")).isEqualTo(StoredFormat.lease(life, lease.token()));
    }

    @Test
    void givenTombstone_whenReadRaw_thenTheTagAndTheLifeAlone() {
        cache.fill(lease(key(1)), Presence.absent(), TTL);

        assertThat(raw.get(namespace + ":v1:model:1")).isEqualTo(StoredFormat.tombstone(life));
    }

    @Test
    void givenCategory_whenGenerationRead_thenStoredUnderGenFingerprint() {
        Category category = new Category("shoes");

        long generation = GenerationProbe.of(cache, category);

        assertThat(raw.get(namespace + ":v1:gen:" + RedisKeys.fingerprint(category))).isEqualTo(Long.toString(generation));
    }

    @Test
    void givenGenerationKeyLost_whenGenerationRead_thenItRestartsFromTheClockBeyondEveryOldValue() throws Exception {
        Category category = new Category("evicted");
        cache.invalidate(new Invalidation(Set.of(), Set.of(category)));
        cache.invalidate(new Invalidation(Set.of(), Set.of(category)));
        long old = GenerationProbe.of(cache, category);
        Thread.sleep(2);

        raw.del(namespace + ":v1:gen:" + RedisKeys.fingerprint(category));

        assertThat(GenerationProbe.of(cache, category)).isGreaterThan(old).isCloseTo(nowMicros(), Offset.offset(60_000_000L));
    }

    @Test
    void givenGenerationKeyLost_whenCategoryInvalidated_thenTheBumpStartsFromTheClock() throws Exception {
        Category category = new Category("evicted-then-written");
        long old = GenerationProbe.of(cache, category);
        Thread.sleep(2);
        raw.del(namespace + ":v1:gen:" + RedisKeys.fingerprint(category));

        cache.invalidate(new Invalidation(Set.of(), Set.of(category)));

        assertThat(GenerationProbe.of(cache, category)).isGreaterThan(old + 1);
    }

    @Test
    void givenGenerationBelowThisLifesFloor_whenRead_thenItRestartsFromTheClock() {
        Category category = new Category("from-an-earlier-life");
        raw.set(namespace + ":v1:gen:" + RedisKeys.fingerprint(category), "5"); // as a snapshot of an earlier life could bring back

        long generation = GenerationProbe.of(cache, category);

        assertThat(generation).isCloseTo(nowMicros(), Offset.offset(60_000_000L));
        assertThat(GenerationProbe.of(cache, category)).isEqualTo(generation);
    }

    @Test
    void givenGenerationBelowThisLifesFloor_whenCategoryInvalidated_thenTheBumpStartsFromTheClock() {
        Category category = new Category("bumped-from-an-earlier-life");
        raw.set(namespace + ":v1:gen:" + RedisKeys.fingerprint(category), "5");

        cache.invalidate(new Invalidation(Set.of(), Set.of(category)));

        assertThat(GenerationProbe.of(cache, category)).isCloseTo(nowMicros(), Offset.offset(60_000_000L));
    }

    @Test
    void givenScriptCacheFlushed_whenEveryOperationRuns_thenTheyFallBackToEvalAndWork() {
        cacheModel(model(1, "c"));
        raw.scriptFlush();

        assertThat(lookup(key(1))).isInstanceOf(Lookup.Hit.class);
        raw.scriptFlush();
        Lease<Presence<Model>> lease = lease(key(2));
        raw.scriptFlush();
        assertThat(cache.fill(lease, Presence.of(model(2, "c")), TTL)).isTrue();
        raw.scriptFlush();
        long generation = GenerationProbe.of(cache, new Category("c"));
        raw.scriptFlush();
        cache.invalidate(Invalidation.of(List.of(model(2, "c"))));
        assertThat(GenerationProbe.of(cache, new Category("c"))).isGreaterThan(generation);
        raw.scriptFlush();
        release(lease(key(3)));
        assertThat(lookup(key(3))).isInstanceOf(Lookup.Leased.class);
    }

    @Test
    void givenScriptsRunOnce_whenRunAgain_thenRedisHasThemCachedForEvalsha() {
        raw.scriptFlush();
        lease(key(1));

        assertThat(raw.scriptExists(List.of(CacheScripts.LOOKUP.sha1()))).containsExactly(true);
    }

    @Test
    void givenUndecodableBytesOfThisLifeUnderAKey_whenLookup_thenTheyAreDiscardedAndTheCallerLeases() {
        raw.set(namespace + ":v1:model:5", StoredFormat.value(life, "{not json"));

        Lease<Presence<Model>> lease = leaseOf(lookup(key(5)));

        assertThat(raw.get(namespace + ":v1:model:5")).isEqualTo(StoredFormat.lease(life, lease.token()));
    }

    @Test
    void givenValueOfThisLifeWithAnUnknownTag_whenLookup_thenDiscardedAndLeased() {
        raw.set(namespace + ":v1:model:6", "x" + life + "something else");

        assertThat(lookup(key(6))).isInstanceOf(Lookup.Leased.class);
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
