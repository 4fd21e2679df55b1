package io.aside.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.testing.MemcachedServer;
import io.aside.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A memcached restarted while the client holds idle connections to its earlier life, closed by the
 * restart: no call fails for them once the server answers again. Failing one call per pooled
 * connection would fail reads open, and open the server's breaker (10 failures), with the server back.
 */
class MemcachedRestartTest {
    private static final int THREADS = 16;

    @Test
    void givenConnectionsPooledByABurst_whenTheServerRestartedWhileIdle_thenEveryCallSucceeds() throws InterruptedException {
        try (MemcachedServer server = TestServers.dedicatedMemcached();
             MemcachedCache cache = new MemcachedCache(TestMemcached.defaults(List.of(server), server.freshNamespace()))) {
            burst(cache);

            server.kill();
            server.start();

            List<String> failures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                try {
                    cache.lookup(CachePortContract.key(99_000 + i), new LeaseRequest(UUID.randomUUID().toString(), Duration.ofSeconds(3)));
                } catch (CacheUnavailableException e) {
                    failures.add("call " + i + ": " + e.getMessage());
                }
            }
            assertThat(failures).as("calls to the restarted server, which answers").isEmpty();
        }
    }

    /** Lookups on {@link #THREADS} threads at once, so that the client pools many connections. */
    private static void burst(MemcachedCache cache) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200; i++) {
                    cache.lookup(new ModelKey(new ModelId(thread * 1_000L + i)), new LeaseRequest(UUID.randomUUID().toString(), Duration.ofSeconds(3)));
                }
            });
        }
        go.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).as("the burst finished").isTrue();
    }
}
