package io.aside.cache;

import static io.aside.cache.CachePortContract.leaseOf;
import static io.aside.cache.CachePortContract.request;
import static io.aside.cache.TestRedis.firstAnswer;
import static io.aside.cache.TestRedis.firstSuccess;
import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Redis restarting empty (no persistence), on a server of this class's own: the cache recovers by
 * itself, notices the new life, and old pages stay unreachable. Restarts from a snapshot, which bring
 * old entries back, are {@link RedisSnapshotRestartTest}. Commands may take {@link TestRedis#UNHURRIED}:
 * this is about recovering and noticing the new life, not about time.
 */
class RedisRestartTest {
    @AutoClose static final RedisServer SERVER = TestServers.dedicatedRedis();
    static final ModelKey KEY = new ModelKey(new ModelId(1));
    static final Duration TTL = Duration.ofMinutes(5);

    final LifeChanges lifeChanges = new LifeChanges();
    @AutoClose final RedisCache cache = new RedisCache(TestRedis.unhurried(SERVER, SERVER.freshNamespace()), lifeChanges);

    @Test
    void givenRedisRestartedEmpty_whenUsedAgain_thenItRecoversAndGenerationsNeverGoBack() {
        Category category = new Category("restarted");
        cache.fill(leaseOf(cache.lookup(KEY, request(TTL))), Presence.of(model(1, "restarted")), TTL);
        long before = GenerationProbe.of(cache, category);

        restart();

        // Pooled connections to the old process fail once each; then calls succeed (scripts re-sent by EVAL).
        LeaseRequest request = request(TTL);
        assertThat(firstAnswer(() -> cache.lookup(KEY, request))).isInstanceOf(Lookup.Leased.class);
        assertThat(GenerationProbe.of(cache, category)).isGreaterThan(before);
        assertThat(lifeChanges.seen()).hasSize(1);
    }

    @Test
    void givenPoolFullOfConnectionsToTheOldServer_whenPingedAfterARestart_thenTheNewLifeIsNoticedByThePingAlone() throws Exception {
        String lifeBefore = StoredFormat.lifeOf(SERVER);
        holdConnectionsAtOnce(8);

        restart();
        assertThat(lifeChanges.seen()).as("a restart alone is not noticed until Redis is asked").isEmpty();

        firstSuccess(cache::ping);

        assertThat(lifeChanges.seen()).singleElement().asString()
                .contains(lifeBefore.substring(0, 8), StoredFormat.lifeOf(SERVER).substring(0, 8));
    }

    @Test
    void givenFirstConnection_whenTheCacheMeetsRedis_thenThatIsNotReportedAsANewLife() {
        cache.ping();
        cache.lookup(KEY, request(TTL));

        assertThat(lifeChanges.seen()).isEmpty();
    }

    private static void restart() {
        SERVER.stop();
        SERVER.start();
    }

    /** Makes the pool hold {@code count} connections: that many lookups in flight together. */
    private void holdConnectionsAtOnce(int count) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Lookup<?>>> lookups = IntStream.range(0, count)
                    .mapToObj(i -> CompletableFuture.<Lookup<?>>supplyAsync(() -> {
                        await(start);
                        return cache.lookup(new ModelKey(new ModelId(100 + i)), request(TTL));
                    }, threads))
                    .toList();
            start.countDown();
            for (CompletableFuture<Lookup<?>> lookup : lookups) assertThat(lookup.get()).isInstanceOf(Lookup.Leased.class);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
