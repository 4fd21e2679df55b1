package io.aside.application;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** While the cache cannot be used, a database read answers later readers of its key for a bounded window. */
class FallbackWindowTest {
    private static final ModelRead READ = new ModelRead(new ModelId(1));
    private static final Duration LONG_WINDOW = Duration.ofSeconds(30);

    private final LeasingCache cache = new LeasingCache();
    private final CacheMetrics metrics = mock(CacheMetrics.class);
    private final CacheGate gate = new CacheGate();
    private final LeaseKeeper keeper = new LeaseKeeper(cache, metrics);
    private final Model row = model(1, "c");
    private final AtomicInteger loads = new AtomicInteger();
    private final Supplier<Optional<Model>> loader = () -> {
        loads.incrementAndGet();
        return Optional.of(row);
    };

    @AfterEach
    void stopKeeper() {
        keeper.close();
    }

    @Test
    void givenCacheDown_whenAReaderArrivesWithinTheWindow_thenItTakesTheLastAnswerWithoutALoad() {
        cache.goDown();
        CacheAside cacheAside = cacheAside(new ReadFlights(Duration.ofSeconds(30), LONG_WINDOW));
        cacheAside.read(READ, loader);

        assertThat(cacheAside.read(READ, loader)).isEqualTo(new Read<>(Optional.of(row), false));

        assertThat(loads).hasValue(1);
        verify(metrics).coalesced("model");
    }

    @Test
    void givenCacheDown_whenALocalWriteForgetsTheKey_thenTheNextReaderLoads() {
        cache.goDown();
        ReadFlights flights = new ReadFlights(Duration.ofSeconds(30), LONG_WINDOW);
        CacheAside cacheAside = cacheAside(flights);
        cacheAside.read(READ, loader);

        flights.forget(Invalidation.of(List.of(row)));
        cacheAside.read(READ, loader);

        assertThat(loads).hasValue(2);
        verify(metrics, never()).coalesced(anyString());
    }

    @Test
    void givenCacheDown_whenTheWindowHasPassed_thenTheNextReaderLoads() {
        cache.goDown();
        Duration window = Duration.ofMillis(1);
        CacheAside cacheAside = cacheAside(new ReadFlights(Duration.ofSeconds(30), window));
        cacheAside.read(READ, loader);

        long windowOver = System.nanoTime() + window.toNanos();
        while (System.nanoTime() - windowOver <= 0) LockSupport.parkNanos(window.toNanos()); // the window is time itself
        cacheAside.read(READ, loader);

        assertThat(loads).hasValue(2);
        verify(metrics, never()).coalesced(anyString());
    }

    @Test
    void givenCacheAnswers_whenAReaderArrivesAfterTheRunSettled_thenItAsksTheCacheAgain() {
        CacheAside cacheAside = cacheAside(new ReadFlights(Duration.ofSeconds(30), LONG_WINDOW));
        cacheAside.read(READ, loader);

        assertThat(cacheAside.read(READ, loader)).isEqualTo(new Read<>(Optional.of(row), true));

        assertThat(cache.lookups()).isEqualTo(2);
        assertThat(loads).hasValue(1);
        verify(metrics, never()).coalesced(anyString());
    }

    private CacheAside cacheAside(ReadFlights flights) {
        return new CacheAside(flights, cache, gate, CachePolicy.defaults(), metrics, d -> {}, keeper);
    }
}
