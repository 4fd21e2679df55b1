package io.aside.cache;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.PageKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.port.CachePort;
import io.aside.testing.MemcachedServer;
import io.aside.testing.TestServers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The contract on one real memcached server (DESIGN §3.5), plus what is particular to memcached's protocol. */
class MemcachedCacheTest extends CachePortContract {
    static final MemcachedServer SERVER = TestServers.memcached();

    String namespace;

    @Override
    protected CachePort newCache() {
        namespace = SERVER.freshNamespace();
        return new MemcachedCache(TestMemcached.unhurried(List.of(SERVER), namespace));
    }

    @Override
    protected void close(CachePort cache) {
        ((MemcachedCache) cache).close();
    }

    @Test
    void givenEntryHoldsBytesWeDidNotWrite_whenLookup_thenDiscardedAndLeased() {
        SERVER.command("ms " + namespace + ":v1:model:40 5 T0\r\nxjunk");

        assertThat(lookup(key(40))).isInstanceOf(Lookup.Leased.class);
    }

    @Test
    void givenGenerationKeyLost_whenRead_thenStartsAboveWhereItWas() {
        Category category = new Category("evicted");
        long before = generation(category);
        cache.invalidate(new Invalidation(Set.of(), Set.of(category)));

        SERVER.command("md " + namespace + ":v1:gen:" + RedisKeys.fingerprint(category));

        assertThat(generation(category)).isGreaterThan(before + 1);
    }

    @Test
    void givenPageOfAnEarlierGeneration_whenGenerationLostAndRead_thenThatPageIsNotServed() {
        Category category = new Category("kept");
        PageKey page = new PageKey(category, 5);
        fillOn(cache, page, new ModelPage(List.of(model(41, "kept"))));

        SERVER.command("md " + namespace + ":v1:gen:" + RedisKeys.fingerprint(category));

        assertThat(lookup(page)).isInstanceOf(Lookup.Leased.class);
    }

    @Test
    void givenTombstone_whenLookup_thenAbsentWithoutALease() {
        fillOn(cache, key(42), Presence.absent());

        assertThat(lookup(key(42))).isEqualTo(new Lookup.Hit<>(Presence.absent()));
    }

    @Test
    void givenPageLargerThanAnItem_whenFilled_thenNotStoredTheLeaseGivenBackAndTheServerStillServes() {
        PageKey page = new PageKey(new Category("large"), 40);
        var lease = lease(page);
        Map<String, String> attributes = IntStream.range(0, 32).boxed()
                .collect(Collectors.toMap(i -> "attribute" + i, i -> "x".repeat(1024)));
        ModelPage large = new ModelPage(LongStream.rangeClosed(1, 40)
                .mapToObj(id -> Model.restore(id, "large", "large", attributes, 1, Instant.EPOCH, Instant.EPOCH)).toList());

        assertThat(cache.fill(lease, large, TTL)).isFalse();

        assertThat(lookup(page)).isInstanceOf(Lookup.Leased.class);
        cacheModel(model(43, "small"));
        assertThat(lookup(key(43))).isEqualTo(new Lookup.Hit<>(Presence.of(model(43, "small"))));
    }

    @Test
    void givenServerRestartedEmpty_whenGenerationRead_thenAboveEveryNumberOfItsEarlierLife() {
        MemcachedServer own = TestServers.dedicatedMemcached();
        try (MemcachedCache restarted = new MemcachedCache(TestMemcached.unhurried(List.of(own), namespace))) {
            Category category = new Category("restarted");
            long before = GenerationProbe.of(restarted, category);
            restarted.invalidate(new Invalidation(Set.of(), Set.of(category)));
            restarted.invalidate(new Invalidation(Set.of(), Set.of(category)));

            own.kill();
            own.start();

            assertThat(GenerationProbe.of(restarted, category)).isGreaterThan(before + 2);
        } finally {
            own.close();
        }
    }
}
