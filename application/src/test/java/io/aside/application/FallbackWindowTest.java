package io.aside.application;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.aside.domain.cache.EntryKind;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** While the cache cannot be used, a database read answers later readers of its key for a bounded window. */
class FallbackWindowTest {
    private static final Duration LONG_WINDOW = Duration.ofSeconds(30);
    private static final ModelKey KEY = new ModelKey(new ModelId(1));

    @RegisterExtension
    final ReadPathFixture<LeasingCache> readPath = ReadPathFixture.overLeasingCache();
    private final Model row = model(1, "c");
    private final Supplier<Presence<Model>> loader = readPath.counting(() -> Presence.of(row));

    @Test
    void givenCacheDown_whenAReaderArrivesWithinTheWindow_thenItTakesTheLastAnswerWithoutALoad() {
        readPath.cache.goDown();
        CacheAside cacheAside = cacheAside(ReadPathFixture.flights(LONG_WINDOW));
        cacheAside.read(KEY, loader);

        assertThat(cacheAside.read(KEY, loader)).isEqualTo(new Read<>(Presence.of(row), false));

        assertThat(readPath.loads).hasValue(1);
        verify(readPath.metrics).coalesced(EntryKind.MODEL);
    }

    @Test
    void givenCacheDown_whenADatabaseReadIsKeptForTheWindow_thenTheInstanceSaysItServesFallbacksUntilTheWindowPassed() {
        readPath.cache.goDown();
        Duration window = Duration.ofMillis(200);
        ReadFlights flights = ReadPathFixture.flights(window);
        assertThat(flights.servingFallbacks()).isFalse();

        cacheAside(flights).read(KEY, loader);

        assertThat(flights.servingFallbacks()).isTrue();
        LockSupport.parkNanos(window.toNanos() + 1_000_000);
        assertThat(flights.servingFallbacks()).isFalse();
    }

    @Test
    void givenCacheAnswers_whenRead_thenNoFallbackIsServed() {
        ReadFlights flights = ReadPathFixture.flights(LONG_WINDOW);

        cacheAside(flights).read(KEY, loader);

        assertThat(flights.servingFallbacks()).isFalse();
    }

    @Test
    void givenCacheDown_whenALocalWriteForgetsTheKey_thenTheNextReaderLoads() {
        readPath.cache.goDown();
        ReadFlights flights = ReadPathFixture.flights(LONG_WINDOW);
        CacheAside cacheAside = cacheAside(flights);
        cacheAside.read(KEY, loader);

        flights.forget(Invalidation.of(List.of(row)));
        cacheAside.read(KEY, loader);

        assertTheNextReaderLoadedItself();
    }

    @Test
    void givenCacheDown_whenTheWindowHasPassed_thenTheNextReaderLoads() {
        readPath.cache.goDown();
        Duration window = Duration.ofMillis(1);
        CacheAside cacheAside = cacheAside(ReadPathFixture.flights(window));
        cacheAside.read(KEY, loader);

        long windowOver = System.nanoTime() + window.toNanos();
        while (System.nanoTime() - windowOver <= 0) LockSupport.parkNanos(window.toNanos()); // the window is time itself
        cacheAside.read(KEY, loader);

        assertTheNextReaderLoadedItself();
    }

    @Test
    void givenCacheAnswers_whenAReaderArrivesAfterTheRunSettled_thenItAsksTheCacheAgain() {
        CacheAside cacheAside = cacheAside(ReadPathFixture.flights(LONG_WINDOW));
        cacheAside.read(KEY, loader);

        assertThat(cacheAside.read(KEY, loader)).isEqualTo(new Read<>(Presence.of(row), true));

        assertThat(readPath.cache.lookups()).isEqualTo(2);
        assertThat(readPath.loads).hasValue(1);
        verify(readPath.metrics, never()).coalesced(any());
    }

    private CacheAside cacheAside(ReadFlights flights) {
        return readPath.cacheAside(flights, CachePolicy.defaults());
    }

    /** Both readers loaded: the second took nothing from the first. */
    private void assertTheNextReaderLoadedItself() {
        assertThat(readPath.loads).hasValue(2);
        verify(readPath.metrics, never()).coalesced(any());
    }
}
