package io.aside.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aside.application.CachePolicy;
import io.aside.bootstrap.consistency.Herd;
import io.aside.bootstrap.consistency.Instance;
import io.aside.bootstrap.e2e.Figures;
import io.aside.bootstrap.e2e.ModelJson;
import io.aside.cache.CircuitBreakerSettings;
import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.PageKey;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import io.aside.testing.HttpReply;
import io.aside.testing.MemcachedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three memcached servers, one of them killed: keys stay on their server (no rehash), so reads of the
 * two live servers' keys stay cached, and only the dead server's share falls through to the database
 * — checked key by key, models and list pages, on both instances, where each key lives known from the
 * clients' own ketama placement. Restarted (empty), the server caches its keys again; restarted once
 * more while nothing reads, at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MemcachedServerDownTest {
    static final int CATEGORIES = 12;
    static final int MODELS = 2 * CATEGORIES;
    static final int LIMIT = 10;
    /** Concurrent reads, half on each instance: more than a read takes connections, so that the clients pool many. */
    static final int BURST = 100;

    @RegisterExtension
    final OwnPair<MemcachedPair> own = new OwnPair<>(() -> MemcachedPair.start(3));

    /** A model or a list page: how to read it, what its database load is counted under, where it is cached, what it answered when warm. */
    private record Key(CacheKey<?> key, Object loaded, MemcachedServer server, JsonNode body) {
        HttpReply read(Instance instance) {
            return key instanceof PageKey page ? instance.http().list(page.category().value(), page.limit())
                    : instance.http().get("/models/" + ((ModelKey) key).id().value());
        }

        @Override
        public String toString() {
            return key + " on " + server.url();
        }
    }

    @Test
    void givenThreeServers_whenOneIsKilled_thenOnlyItsKeysFallThroughToTheDatabaseAndOnceRestartedTheyAreCachedAgain() {
        MemcachedPair pair = own.pair();
        List<CacheKey<?>> cacheKeys = seed(pair.a());
        MemcachedServer victim = victim(pair, cacheKeys);
        List<Key> keys = warm(pair, cacheKeys);
        List<Key> down = keys.stream().filter(key -> key.server() == victim).toList();
        List<Key> live = keys.stream().filter(key -> key.server() != victim).toList();
        assertThat(down).as("keys on the server to kill").anyMatch(key -> key.key() instanceof ModelKey).anyMatch(key -> key.key() instanceof PageKey);
        assertThat(live).as("keys on the other two servers").anyMatch(key -> key.key() instanceof ModelKey).anyMatch(key -> key.key() instanceof PageKey);

        victim.kill();
        long start = System.nanoTime();
        int firstLoads = readEveryKey(pair.both(), keys, key -> key.server() != victim, "just after the kill");
        // A database read made while a key's server could not be used answers that instance's readers of the key for the
        // fallback window: once it has passed, each read of a dead server's key goes to the database again.
        LockSupport.parkNanos(CachePolicy.DEFAULT_FALLBACK_WINDOW.toNanos());
        int secondLoads = readEveryKey(pair.both(), keys, key -> key.server() != victim, "a fallback window later");
        long outage = System.nanoTime() - start;

        victim.start();
        long restarted = System.nanoTime();
        await().atMost(CircuitBreakerSettings.defaults().waitInOpenState().plus(FailoverChecks.DRAINED_WITHIN)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    // Every key of the restarted server is read on every poll (and filled if it missed), then all must have hit.
                    for (Instance instance : pair.both()) {
                        Map<Key, String> cached = new HashMap<>();
                        down.forEach(key -> cached.put(key, key.read(instance).header("X-Cache")));
                        assertThat(cached).as("the restarted server's keys read on %s", instance).allSatisfy((key, xCache) -> assertThat(xCache).isEqualTo("HIT"));
                    }
                });
        long cachedAgain = System.nanoTime() - restarted;
        int afterLoads = readEveryKey(pair.both(), keys, key -> true, "once it is back");

        // Restarted once more while nothing reads, after a burst left each client many connections to its earlier life: the
        // connections the restart closed must fail no call, or A's reads below would fail open (and fill nothing), not fill.
        Herd.Result<HttpReply> burst = Herd.run(BURST, i -> keys.get(i % keys.size()).read(pair.both().get(i % 2)), Duration.ofSeconds(15));
        assertThat(burst.answers()).extracting(HttpReply::status).containsOnly(200);
        victim.kill();
        victim.start();
        int refillLoads = readEveryKey(List.of(pair.a()), keys, key -> key.server() != victim, "on A just after a restart while idle");
        int refilledLoads = readEveryKey(pair.both(), keys, key -> true, "after A filled them");

        Figures.report("memcached server down", "1 of 3 servers killed, %d keys on it and %d on the live ones (models and pages): over 2 rounds on"
                        + " 2 instances in %d ms, %d and %d database loads, all of the dead server's keys; cached again %d ms after its restart,"
                        + " then %d loads; restarted again while idle: %d loads to fill it, then %d", down.size(), live.size(),
                TimeUnit.NANOSECONDS.toMillis(outage), firstLoads, secondLoads, TimeUnit.NANOSECONDS.toMillis(cachedAgain), afterLoads, refillLoads,
                refilledLoads);
        assertThat(firstLoads).isEqualTo(2 * down.size());
        assertThat(secondLoads).isEqualTo(2 * down.size());
        assertThat(afterLoads).isZero();
        assertThat(refillLoads).isEqualTo(down.size());
        assertThat(refilledLoads).isZero();
    }

    /** Models in {@link #CATEGORIES} categories, created on {@code instance}; every model's key and every category's page. */
    private static List<CacheKey<?>> seed(Instance instance) {
        List<CacheKey<?>> keys = new ArrayList<>();
        for (int i = 0; i < MODELS; i++) {
            HttpReply created = instance.http().post("/models", ModelJson.model("model " + i, "shelf " + i % CATEGORIES));
            assertThat(created.status()).as("POST /models").isEqualTo(201);
            keys.add(new ModelKey(new ModelId(created.json().get("id").asLong())));
        }
        for (int c = 0; c < CATEGORIES; c++) keys.add(new PageKey(new Category("shelf " + c), LIMIT));
        return keys;
    }

    /** The server to kill: of those holding a model, the one holding most pages. */
    private static MemcachedServer victim(MemcachedPair pair, List<CacheKey<?>> keys) {
        return pair.servers().stream()
                .filter(server -> keys.stream().anyMatch(key -> key instanceof ModelKey && pair.serverOf(key) == server))
                .max(Comparator.comparingLong(server -> keys.stream().filter(key -> key instanceof PageKey && pair.serverOf(key) == server).count()))
                .orElseThrow();
    }

    /** Reads every key twice on each instance, the second a hit with the same body: all of them cached. */
    private static List<Key> warm(MemcachedPair pair, List<CacheKey<?>> cacheKeys) {
        List<Key> keys = new ArrayList<>();
        for (CacheKey<?> cacheKey : cacheKeys) {
            Object loaded = cacheKey instanceof PageKey page ? page.category() : ((ModelKey) cacheKey).id();
            keys.add(new Key(cacheKey, loaded, pair.serverOf(cacheKey), null));
        }
        List<Key> warm = new ArrayList<>();
        for (Key key : keys) {
            JsonNode body = null;
            for (Instance instance : pair.both()) {
                HttpReply first = key.read(instance);
                HttpReply second = key.read(instance);
                assertThat(first.status()).as("%s on %s", key, instance).isEqualTo(200);
                assertThat(second.header("X-Cache")).as("second read of %s on %s", key, instance).isEqualTo("HIT");
                assertThat(second.json()).as("second read of %s on %s", key, instance).isEqualTo(first.json());
                if (body == null) body = first.json();
                assertThat(first.json()).as("%s on %s", key, instance).isEqualTo(body);
            }
            warm.add(new Key(key.key(), key.loaded(), key.server(), body));
        }
        return warm;
    }

    /**
     * Reads every key once on each of {@code instances}: each answers what it answered when warm; a key
     * {@code cached} says is a hit that costs the database nothing, any other a miss that costs it exactly
     * one load. Returns the database loads the round cost.
     */
    private static int readEveryKey(List<Instance> instances, List<Key> keys, Predicate<Key> cached, String when) {
        int loads = 0;
        for (Instance instance : instances) {
            for (Key key : keys) {
                int before = instance.repository().loadsOf(key.loaded());
                HttpReply reply = key.read(instance);
                int loaded = instance.repository().loadsOf(key.loaded()) - before;
                loads += loaded;
                String what = key + " on " + instance + " " + when;
                assertThat(reply.status()).as(what).isEqualTo(200);
                assertThat(reply.json()).as(what).isEqualTo(key.body());
                assertThat(reply.header("X-Cache")).as(what).isEqualTo(cached.test(key) ? "HIT" : "MISS");
                assertThat(loaded).as("database loads of " + what).isEqualTo(cached.test(key) ? 0 : 1);
            }
        }
        return loads;
    }
}
