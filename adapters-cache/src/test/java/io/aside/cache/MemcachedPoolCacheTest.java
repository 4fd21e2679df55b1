package io.aside.cache;

import static io.aside.domain.model.ModelFixtures.model;
import static io.aside.domain.model.ModelFixtures.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.PageKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.testing.MemcachedServer;
import io.aside.testing.TestServers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The contract on three memcached servers spread by ketama, plus what only a pool has: keys on every
 * server, invalidations spanning servers, a server down affecting only its keys, and a key that moves
 * to another server when the list changes and comes back.
 */
class MemcachedPoolCacheTest extends CachePortContract {
    static final List<MemcachedServer> SERVERS = List.of(TestServers.dedicatedMemcached(), TestServers.dedicatedMemcached(),
            TestServers.dedicatedMemcached());

    String namespace;

    @AfterAll
    static void stopServers() {
        SERVERS.forEach(MemcachedServer::close);
    }

    @Override
    protected CachePort newCache() {
        namespace = SERVERS.get(0).freshNamespace();
        return on(SERVERS);
    }

    MemcachedCache on(List<MemcachedServer> servers) {
        return new MemcachedCache(TestMemcached.unhurried(servers, namespace));
    }

    @Override
    protected void close(CachePort cache) {
        ((MemcachedCache) cache).close();
    }

    MemcachedCache pool() {
        return (MemcachedCache) cache;
    }

    @Test
    void givenManyModels_whenPlaced_thenEveryServerHoldsSome() {
        Map<String, Long> perServer = LongStream.rangeClosed(1, 60).mapToObj(id -> key(id))
                .collect(Collectors.groupingBy(pool()::serverOf, Collectors.counting()));

        assertThat(perServer).hasSize(3);
    }

    @Test
    void givenModelsAndCategoriesOnEveryServer_whenInvalidatedAtOnce_thenAllMissAndLeasesOnAllAreRefused() {
        List<ModelKey> keys = LongStream.rangeClosed(100, 130).mapToObj(id -> new ModelKey(new ModelId(id))).toList();
        keys.forEach(key -> fillOn(cache, key, Presence.of(model(key.id().value(), "c"))));
        List<Category> categories = IntStream.range(0, 12).mapToObj(i -> new Category("spread " + i)).toList();
        Map<Category, Long> before = categories.stream().collect(Collectors.toMap(c -> c, this::generation));
        var racing = lease(key(131));

        cache.invalidate(new Invalidation(Set.copyOf(LongStream.rangeClosed(100, 131).mapToObj(ModelId::new).toList()), Set.copyOf(categories)));

        assertThat(keys).allSatisfy(key -> assertThat(lookup(key)).isInstanceOf(Lookup.Leased.class));
        assertThat(cache.fill(racing, Presence.of(model(131, "stale")), TTL)).isFalse();
        assertThat(categories).allSatisfy(category -> assertThat(generation(category)).isGreaterThan(before.get(category)));
    }

    @Test
    void givenOneServerDown_whenLookups_thenOnlyItsKeysFailAndTheOthersStayCached() {
        List<MemcachedServer> own = List.of(TestServers.dedicatedMemcached(), TestServers.dedicatedMemcached(), TestServers.dedicatedMemcached());
        try (MemcachedCache three = new MemcachedCache(TestMemcached.defaults(own, namespace))) {
            List<ModelKey> keys = LongStream.rangeClosed(1, 30).mapToObj(id -> new ModelKey(new ModelId(id))).toList();
            keys.forEach(key -> fillOn(three, key, Presence.of(model(key.id().value(), "c"))));
            MemcachedServer down = own.get(1);
            String downAddress = down.host() + ":" + down.port();

            down.kill();

            Map<Boolean, List<ModelKey>> onDown = keys.stream().collect(Collectors.partitioningBy(key -> three.serverOf(key).equals(downAddress)));
            assertThat(onDown.get(true)).isNotEmpty().allSatisfy(key ->
                    assertThatThrownBy(() -> lookupOn(three, key)).isInstanceOf(CacheUnavailableException.class));
            assertThat(onDown.get(false)).isNotEmpty().allSatisfy(key ->
                    assertThat(lookupOn(three, key)).isEqualTo(new Lookup.Hit<>(Presence.of(model(key.id().value(), "c")))));

            down.start();

            assertThat(onDown.get(true)).allSatisfy(key -> assertThat(lookupOn(three, key)).isInstanceOf(Lookup.Leased.class));
        } finally {
            own.forEach(MemcachedServer::close);
        }
    }

    @Test
    void givenOneServerDown_whenAnInvalidationSpansAllServers_thenTheLiveOnesApplyItAndTheCallerHearsOfTheDownOne() {
        List<MemcachedServer> own = List.of(TestServers.dedicatedMemcached(), TestServers.dedicatedMemcached(), TestServers.dedicatedMemcached());
        try (MemcachedCache three = new MemcachedCache(TestMemcached.defaults(own, namespace))) {
            MemcachedServer down = own.get(2);
            String downAddress = down.host() + ":" + down.port();
            List<ModelKey> keys = LongStream.rangeClosed(1, 40).mapToObj(id -> new ModelKey(new ModelId(id))).toList();
            keys.forEach(key -> fillOn(three, key, Presence.of(model(key.id().value(), "c"))));
            List<ModelKey> alive = keys.stream().filter(key -> !three.serverOf(key).equals(downAddress)).toList();
            down.kill();

            assertThatThrownBy(() -> three.invalidate(new Invalidation(Set.copyOf(keys.stream().map(ModelKey::id).toList()), Set.of())))
                    .isInstanceOf(CacheUnavailableException.class).hasMessageContaining(downAddress);

            assertThat(alive).isNotEmpty().allSatisfy(key -> assertThat(lookupOn(three, key)).isInstanceOf(Lookup.Leased.class));
        } finally {
            own.forEach(MemcachedServer::close);
        }
    }

    @Test
    void givenKeyMovedToAnotherServerByANewServerList_whenInvalidatedThereAndTheListChangesBack_thenNoOldValueComesBack() {
        List<MemcachedServer> two = SERVERS.subList(0, 2);
        MemcachedCache onTwo = on(two);
        ModelKey moving = LongStream.rangeClosed(1, 200).mapToObj(id -> new ModelKey(new ModelId(id)))
                .filter(key -> !onTwo.serverOf(key).equals(pool().serverOf(key))).findFirst().orElseThrow();
        Category category = IntStream.range(0, 200).mapToObj(i -> new Category("moving " + i))
                .filter(c -> !onTwo.serverOf(new PageKey(c, 1)).equals(pool().serverOf(new PageKey(c, 1)))).findFirst().orElseThrow();
        PageKey movingPage = new PageKey(category, 3);
        try {
            fillOn(onTwo, moving, Presence.of(model(moving.id().value(), "old")));
            fillOn(onTwo, movingPage, page(category.value(), 1, 3));

            cache.invalidate(new Invalidation(Set.of(moving.id()), Set.of(category))); // the three-server list: elsewhere

            assertThat(lookupOn(onTwo, moving)).isInstanceOf(Lookup.Leased.class);
            assertThat(lookupOn(onTwo, movingPage)).isInstanceOf(Lookup.Leased.class);
        } finally {
            onTwo.close();
        }
    }
}
