package io.aside.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A cache server that is not there, or does not answer, costs about one timeout and raises the
 * port's exception. The timeouts are the production defaults: 50 ms per command, 1 s for patient
 * invalidations. Each remote cache runs these against its client.
 */
abstract class CacheOutageContract {
    static final Duration COMMAND_TIMEOUT = RedisSettings.DEFAULT_COMMAND_TIMEOUT;
    static final Duration WRITE_TIMEOUT = RedisSettings.DEFAULT_WRITE_TIMEOUT;
    static final ModelKey KEY = new ModelKey(new ModelId(1));
    static final LeaseRequest REQUEST = new LeaseRequest("token", Duration.ofSeconds(1));
    static final Invalidation INVALIDATION = new Invalidation(Set.of(new ModelId(1)), Set.of(new Category("c")));

    ServerSocket hung;

    /** A client of the cache at {@code port} on the loopback address, with the production defaults. */
    abstract CachePort open(int port);

    /** How the client's entries spread over servers, for a breaker per server. */
    abstract CacheShards shards(CachePort cache);

    abstract void close(CachePort cache);

    @AfterEach
    void closeHungServer() throws IOException {
        if (hung != null) hung.close();
    }

    /** A server that accepts connections (the kernel's backlog) but never answers: frozen, or a black hole. */
    int hungPort() throws IOException {
        hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        return hung.getLocalPort();
    }

    @Test
    void givenNothingListening_whenEveryOperation_thenCacheUnavailableQuickly() throws IOException {
        CachePort cache = open(closedPort());
        try {
            assertUnavailableWithin(Duration.ofSeconds(1), () -> cache.lookup(KEY, REQUEST));
            assertUnavailableWithin(Duration.ofSeconds(1), () -> GenerationProbe.of(cache, new Category("c")));
            assertUnavailableWithin(Duration.ofSeconds(1), () -> cache.invalidate(INVALIDATION));
            assertUnavailableWithin(Duration.ofSeconds(1), () -> cache.invalidatePatiently(INVALIDATION));
            assertUnavailableWithin(Duration.ofSeconds(1), cache::ping);
        } finally {
            close(cache);
        }
    }

    @Test
    void givenServerThatAcceptsButNeverAnswers_whenLookup_thenCacheUnavailableWithinAboutTheCommandTimeout() throws IOException {
        CachePort cache = open(hungPort());
        try {
            assertUnavailableWithin(COMMAND_TIMEOUT.multipliedBy(8), () -> cache.lookup(KEY, REQUEST));
            assertUnavailableWithin(COMMAND_TIMEOUT.multipliedBy(8), () -> cache.invalidate(INVALIDATION));
        } finally {
            close(cache);
        }
    }

    @Test
    void givenServerThatAcceptsButNeverAnswers_whenInvalidatedPatiently_thenItWaitsTheWriteTimeoutThenUnavailable() throws IOException {
        CachePort cache = open(hungPort());
        try {
            long start = System.nanoTime();
            assertUnavailableWithin(WRITE_TIMEOUT.multipliedBy(3), () -> cache.invalidatePatiently(INVALIDATION));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(WRITE_TIMEOUT.minusMillis(50));
        } finally {
            close(cache);
        }
    }

    @Test
    void givenHungServerBehindABreaker_whenItOpens_thenCallsFailInWellUnderATimeout() throws IOException {
        CircuitBreakerSettings breaker = new CircuitBreakerSettings(50, Duration.ofSeconds(10), 4, Duration.ofMinutes(1), 1);
        CachePort client = open(hungPort());
        try {
            CircuitBreakingCache cache = new CircuitBreakingCache(client, breaker, shards(client));
            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(() -> cache.lookup(KEY, REQUEST)).isInstanceOf(CacheUnavailableException.class);
            }

            assertThat(cache.isShedding()).isTrue();
            assertUnavailableWithin(Duration.ofMillis(20), () -> cache.lookup(KEY, REQUEST));
        } finally {
            close(client);
        }
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void assertUnavailableWithin(Duration budget, Executable call) {
        long start = System.nanoTime();
        assertThatThrownBy(call::execute).isInstanceOf(CacheUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(budget);
    }
}
