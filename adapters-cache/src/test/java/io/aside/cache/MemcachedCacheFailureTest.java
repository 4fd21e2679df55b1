package io.aside.cache;

import static io.aside.cache.RedisCacheFailureTest.INVALIDATION;
import static io.aside.cache.RedisCacheFailureTest.KEY;
import static io.aside.cache.RedisCacheFailureTest.REQUEST;
import static io.aside.cache.RedisCacheFailureTest.assertUnavailableWithin;
import static io.aside.cache.RedisCacheFailureTest.closedPort;
import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.testing.MemcachedServer;
import io.aside.testing.TestServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A memcached that is not there, or does not answer, costs about one timeout and raises the port's
 * exception, as Redis does (production defaults: 50 ms per command, 1 s for patient invalidations);
 * and a connection whose reply came too late is never read again.
 */
class MemcachedCacheFailureTest {
    static final Duration COMMAND_TIMEOUT = RedisSettings.DEFAULT_COMMAND_TIMEOUT;
    static final Duration WRITE_TIMEOUT = RedisSettings.DEFAULT_WRITE_TIMEOUT;

    ServerSocket hung;

    @AfterEach
    void closeHungServer() throws IOException {
        if (hung != null) hung.close();
    }

    static MemcachedSettings settings(int port) {
        return MemcachedSettings.fromUrl("memcached://127.0.0.1:" + port).withNamespace("aside-failure");
    }

    @Test
    void givenNothingListening_whenEveryOperation_thenCacheUnavailableQuickly() throws IOException {
        try (MemcachedCache cache = new MemcachedCache(settings(closedPort()))) {
            assertUnavailableWithin(Duration.ofSeconds(1), () -> cache.lookup(KEY, REQUEST));
            assertUnavailableWithin(Duration.ofSeconds(1), () -> GenerationProbe.of(cache, new Category("c")));
            assertUnavailableWithin(Duration.ofSeconds(1), () -> cache.invalidate(INVALIDATION));
            assertUnavailableWithin(Duration.ofSeconds(1), () -> cache.invalidatePatiently(INVALIDATION));
            assertUnavailableWithin(Duration.ofSeconds(1), cache::ping);
        }
    }

    @Test
    void givenServerThatAcceptsButNeverAnswers_whenLookupOrInvalidate_thenCacheUnavailableWithinAboutTheCommandTimeout() throws IOException {
        hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try (MemcachedCache cache = new MemcachedCache(settings(hung.getLocalPort()))) {
            assertUnavailableWithin(COMMAND_TIMEOUT.multipliedBy(8), () -> cache.lookup(KEY, REQUEST));
            assertUnavailableWithin(COMMAND_TIMEOUT.multipliedBy(8), () -> cache.invalidate(INVALIDATION));
        }
    }

    @Test
    void givenServerThatAcceptsButNeverAnswers_whenInvalidatedPatiently_thenItWaitsTheWriteTimeoutThenUnavailable() throws IOException {
        hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try (MemcachedCache cache = new MemcachedCache(settings(hung.getLocalPort()))) {
            long start = System.nanoTime();
            assertUnavailableWithin(WRITE_TIMEOUT.multipliedBy(3), () -> cache.invalidatePatiently(INVALIDATION));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(WRITE_TIMEOUT.minusMillis(50));
        }
    }

    @Test
    void givenHungServerBehindABreaker_whenItOpens_thenCallsFailInWellUnderATimeout() throws IOException {
        hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        CircuitBreakerSettings breaker = new CircuitBreakerSettings(50, Duration.ofSeconds(10), 4, Duration.ofMinutes(1), 1);
        try (MemcachedCache memcached = new MemcachedCache(settings(hung.getLocalPort()))) {
            CircuitBreakingCache cache = new CircuitBreakingCache(memcached, breaker, memcached.shards());
            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(() -> cache.lookup(KEY, REQUEST)).isInstanceOf(CacheUnavailableException.class);
            }

            assertThat(cache.isShedding()).isTrue();
            assertUnavailableWithin(Duration.ofMillis(20), () -> cache.lookup(KEY, REQUEST));
        }
    }

    /** The replies of a paused server arrive after the timeout: read on that connection, they would answer the wrong commands. */
    @Test
    void givenServerPausedPastTheTimeout_whenItResumes_thenEveryLookupGetsItsOwnKeysValue() {
        MemcachedServer server = TestServers.dedicatedMemcached();
        try (MemcachedCache cache = new MemcachedCache(settings(server.port()))) {
            List<ModelKey> keys = LongStream.rangeClosed(1, 20).mapToObj(id -> new ModelKey(new ModelId(id))).toList();
            keys.forEach(key -> CachePortContract.fillOn(cache, key, Presence.of(model(key.id().value(), "v" + key.id().value()))));

            server.pause();
            for (ModelKey key : keys) assertThatThrownBy(() -> CachePortContract.lookupOn(cache, key)).isInstanceOf(CacheUnavailableException.class);
            server.resume();

            assertThat(keys).allSatisfy(key -> assertThat(CachePortContract.lookupOn(cache, key))
                    .isEqualTo(new Lookup.Hit<>(Presence.of(model(key.id().value(), "v" + key.id().value())))));
        } finally {
            server.close();
        }
    }
}
