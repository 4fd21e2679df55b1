package io.aside.cache;

import static io.aside.domain.model.ModelFixtures.model;
import static io.aside.domain.model.ModelFixtures.page;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.PageKey;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import io.aside.testing.RedisCluster;
import io.aside.testing.TestServers;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The contract on a real Redis Cluster of three masters and three replicas (DESIGN §3.4), plus what
 * only a cluster has: hash-tagged keys, invalidations spanning slots, each master's own life.
 * Commands may take {@link TestRedis#UNHURRIED}, as on one Redis; failover is tested end to end.
 */
class RedisClusterCacheTest extends CachePortContract {
    static final RedisCluster CLUSTER = TestServers.redisCluster();
    static RedisClusterClient raw;

    String namespace;

    @BeforeAll
    static void connectRawClient() {
        Set<HostAndPort> seeds = CLUSTER.nodes().stream().map(node -> new HostAndPort(node.host(), node.port())).collect(Collectors.toSet());
        raw = RedisClusterClient.create(seeds);
    }

    @AfterAll
    static void closeRawClient() {
        raw.close();
    }

    @Override
    protected CachePort newCache() {
        namespace = CLUSTER.freshNamespace();
        RedisSettings settings = RedisSettings.fromUrl(CLUSTER.url()).withNamespace(namespace)
                .withTimeouts(TestRedis.UNHURRIED, TestRedis.UNHURRIED);
        return new RedisCache(settings);
    }

    @Override
    protected void close(CachePort cache) {
        ((RedisCache) cache).close();
    }

    @Test
    void givenModelsOnEveryMaster_whenInvalidatedWithCategoriesInOneCall_thenEveryEntryIsGoneAndEveryCategoryMovedOn() {
        List<Long> ids = LongStream.rangeClosed(1, 40).boxed().toList();
        ids.forEach(id -> cacheModel(model(id, "c")));
        Set<Category> categories = IntStream.range(0, 6).mapToObj(i -> new Category("category-" + i)).collect(Collectors.toSet());
        List<Long> before = categories.stream().map(category -> GenerationProbe.of(cache, category)).toList();
        Set<Integer> masters = new HashSet<>();
        ids.forEach(id -> masters.add(CLUSTER.masterOf(slot(modelKey(id))).port()));
        assertThat(masters).as("the models are spread over every master").hasSize(3);

        cache.invalidate(new Invalidation(ids.stream().map(ModelId::new).collect(Collectors.toSet()), categories));

        ids.forEach(id -> assertThat(raw.get(modelKey(id))).as("model %s", id).isNull());
        List<Long> after = categories.stream().map(category -> GenerationProbe.of(cache, category)).toList();
        for (int i = 0; i < before.size(); i++) assertThat(after.get(i)).isGreaterThan(before.get(i));
    }

    @Test
    void givenFilledModel_whenReadRaw_thenTaggedWithTheLifeOfTheMasterThatHoldsIt() {
        cacheModel(model(42, "c"));

        String life = StoredFormat.lifeOfMaster(CLUSTER.masterOf(slot(modelKey(42))));

        assertThat(raw.get(modelKey(42))).startsWith(StoredFormat.value(life, "{"));
    }

    @Test
    void givenFilledPage_whenReadRaw_thenItAndItsGenerationShareTheCategorysHashSlot() {
        Category category = new Category("shoes & boots: 👟");
        PageKey key = new PageKey(category, 10);
        Lease<ModelPage> lease = leaseOf(cache.lookup(key, request(LEASE_TTL)));
        cache.fill(lease, page(category.value(), 1, 1), TTL);

        String fingerprint = RedisKeys.fingerprint(category);
        String generation = namespace + ":v1:gen:{" + fingerprint + "}";
        String page = namespace + ":v1:page:{" + fingerprint + "}:" + lease.generation() + ":10";
        String life = StoredFormat.lifeOfMaster(CLUSTER.masterOf(slot(generation)));

        assertThat(raw.get(generation)).isEqualTo(Long.toString(lease.generation()));
        assertThat(raw.get(page)).startsWith(StoredFormat.value(life, "{"));
        assertThat(slot(page)).isEqualTo(slot(generation));
        assertThat(raw.get(generation + ":life:" + life)).as("the generation's floor in this master's life")
                .matches("[0-9]{16,}");
        assertThat(Long.parseLong(raw.get(generation))).isGreaterThanOrEqualTo(Long.parseLong(raw.get(generation + ":life:" + life)));
    }

    @Test
    void givenNearCacheKeys_whenLaidOut_thenAllInTheNamespacesOneSlot() {
        RedisKeys keys = new RedisKeys(namespace, true);

        assertThat(List.of(keys.nearMembers(), keys.nearInvalidations(), keys.nearAcknowledgements()).stream().map(RedisClusterCacheTest::slot))
                .containsOnly(slot(keys.nearSequence()));
    }

    private String modelKey(long id) {
        return namespace + ":v1:model:" + id;
    }

    private static int slot(String key) {
        return JedisClusterCRC16.getSlot(key);
    }
}
