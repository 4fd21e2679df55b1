package io.aside.application;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.RepositoryUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-process tier of herd protection (DESIGN §3.1): concurrent reads of one key share one run. */
class ReadFlightsTest {
    private static final ModelId ID = new ModelId(1);
    private static final ModelRead READ = new ModelRead(ID);

    private final LeasingCache cache = new LeasingCache();
    private final CacheMetrics metrics = mock(CacheMetrics.class);
    private final CacheGate gate = new CacheGate();
    private final ReadFlights flights = new ReadFlights(Duration.ofSeconds(30), Duration.ZERO);
    private final LeaseKeeper keeper = new LeaseKeeper(cache, metrics);
    private final CacheAside cacheAside = new CacheAside(flights, cache, gate, CachePolicy.defaults(), metrics, d -> {}, keeper);
    private final Model row = model(1, "c");
    private final AtomicInteger loads = new AtomicInteger();
    private final CountDownLatch loading = new CountDownLatch(1);
    private final CountDownLatch answer = new CountDownLatch(1);

    @AfterEach
    void stopKeeper() {
        answer.countDown();
        keeper.close();
    }

    @Test
    void givenColdKey_whenFiftyReadersArriveBeforeItsQuery_thenOneLoadAndFortyNineShareIt() {
        cache.holdLookups();
        List<ReaderThread<Model>> readers = IntStream.range(0, 50)
                .mapToObj(i -> ReaderThread.start("reader-" + i, () -> cacheAside.read(READ, counting(() -> Optional.of(row)))))
                .toList();
        cache.awaitLookup();
        ReaderThread.awaitJoined(readers, 49);

        cache.answerLookups();

        assertThat(readers).allSatisfy(reader -> assertThat(reader.result().value()).contains(row));
        assertThat(loads).hasValue(1);
        assertThat(cache.lookups()).isEqualTo(1);
        verify(metrics, times(49)).coalesced("model");
    }

    @Test
    void givenColdKey_whenFiftyReadersArriveWhileItLoads_thenStillOneLoad() {
        ReaderThread<Model> first = ReaderThread.start("first", () -> cacheAside.read(READ, blockingLoad(() -> Optional.of(row))));
        Latches.await(loading);
        List<ReaderThread<Model>> late = IntStream.range(0, 49)
                .mapToObj(i -> ReaderThread.start("late-" + i, () -> cacheAside.read(READ, counting(() -> Optional.of(row)))))
                .toList();
        ReaderThread.awaitJoined(late, 49);

        answer.countDown();

        assertThat(first.result()).isEqualTo(new Read<>(Optional.of(row), false));
        assertThat(late).as("joined after the query was sent: they ask the cache again and find the fill")
                .allSatisfy(reader -> assertThat(reader.result()).isEqualTo(new Read<>(Optional.of(row), true)));
        assertThat(loads).hasValue(1);
    }

    @Test
    void givenAWriteRefusesTheFill_whenAReaderJoinedAfterTheQueryWasSent_thenItRunsAgainAndGetsTheNewRow() {
        Model old = model(1, "c", 1);
        Model updated = model(1, "c", 2);
        AtomicReference<Model> database = new AtomicReference<>(old);
        ReaderThread<Model> first = ReaderThread.start("first", () -> cacheAside.read(READ, blockingLoad(() -> Optional.of(database.get()))));
        Latches.await(loading);
        ReaderThread<Model> late = ReaderThread.start("late", () -> cacheAside.read(READ, counting(() -> Optional.of(database.get()))))
                .awaitJoined();

        database.set(updated); // a write on another instance commits and invalidates: the first reader's lease is gone
        cache.invalidate(new Invalidation(Set.of(ID), Set.of()));
        answer.countDown();

        assertThat(first.result().value()).contains(old);
        assertThat(late.result().value()).contains(updated);
        assertThat(loads).hasValue(2);
        verify(metrics).fillRefused("model");
        verify(metrics, never()).coalesced(anyString());
    }

    @Test
    void givenCacheDown_whenReadersJoinTheFallbackLoad_thenTheyShareItsAnswer() {
        cache.goDown();
        ReaderThread<Model> first = ReaderThread.start("first", () -> cacheAside.read(READ, blockingLoad(() -> Optional.of(row))));
        Latches.await(loading);
        List<ReaderThread<Model>> joiners = IntStream.range(0, 10)
                .mapToObj(i -> ReaderThread.start("joiner-" + i, () -> cacheAside.read(READ, counting(() -> Optional.of(row)))))
                .toList();
        ReaderThread.awaitJoined(joiners, 10);

        answer.countDown();

        assertThat(first.result()).isEqualTo(new Read<>(Optional.of(row), false));
        assertThat(joiners).allSatisfy(reader -> assertThat(reader.result()).isEqualTo(new Read<>(Optional.of(row), false)));
        assertThat(loads).hasValue(1);
        verify(metrics, times(10)).coalesced("model");
    }

    @Test
    void givenTheRunFails_whenOthersJoinedIt_thenEveryOneGetsItsException() {
        RepositoryUnavailableException failure = new RepositoryUnavailableException("database down", null);
        ReaderThread<Model> first = ReaderThread.start("first", () -> cacheAside.read(READ, blockingLoad(() -> {
            throw failure;
        })));
        Latches.await(loading);
        List<ReaderThread<Model>> joiners = IntStream.range(0, 5)
                .mapToObj(i -> ReaderThread.start("joiner-" + i, () -> cacheAside.read(READ, counting(() -> Optional.of(row)))))
                .toList();
        ReaderThread.awaitJoined(joiners, 5);

        answer.countDown();

        assertThat(first.failure()).isSameAs(failure);
        assertThat(joiners).allSatisfy(reader -> assertThat(reader.failure()).isSameAs(failure));
        assertThat(loads).hasValue(1);
    }

    @Test
    void givenALocalWriteForgetsTheRun_whenTheNextReaderArrives_thenItRunsItsOwnAndSeesTheWrite() {
        gate.close(1); // reads bypass the cache: a bypassing run's answer would be shared with every joiner
        Model old = model(1, "c", 1);
        Model updated = model(1, "c", 2);
        AtomicReference<Model> database = new AtomicReference<>(old);
        ReaderThread<Model> first = ReaderThread.start("first", () -> cacheAside.read(READ, blockingLoad(() -> Optional.of(database.get()))));
        Latches.await(loading);

        database.set(updated);
        flights.forget(Invalidation.of(List.of(updated)));
        ReaderThread<Model> next = ReaderThread.start("next", () -> cacheAside.read(READ, counting(() -> Optional.of(database.get()))));

        assertThat(next.result().value()).as("answered while the first run still loads").contains(updated);
        answer.countDown();
        assertThat(first.result().value()).contains(old);
        assertThat(loads).hasValue(2);
        verify(metrics, never()).coalesced(anyString());
    }

    @Test
    void givenTwoKeys_whenReadConcurrently_thenEachRunsItsOwnLoad() {
        CountDownLatch bothLoading = new CountDownLatch(2);
        Model other = model(2, "c");
        ReaderThread<Model> one = ReaderThread.start("one", () -> cacheAside.read(READ, counting(() -> {
            bothLoading.countDown();
            Latches.await(bothLoading);
            return Optional.of(row);
        })));
        ReaderThread<Model> two = ReaderThread.start("two", () -> cacheAside.read(new ModelRead(new ModelId(2)), counting(() -> {
            bothLoading.countDown();
            Latches.await(bothLoading);
            return Optional.of(other);
        })));

        assertThat(one.result().value()).contains(row);
        assertThat(two.result().value()).contains(other);
        assertThat(loads).hasValue(2);
        verify(metrics, never()).coalesced(anyString());
    }

    /** Counts each load. */
    private <V> Supplier<Optional<V>> counting(Supplier<Optional<V>> load) {
        return () -> {
            loads.incrementAndGet();
            return load.get();
        };
    }

    /** Sends its query, signals {@link #loading}, and answers only once {@link #answer} is released. */
    private <V> Supplier<Optional<V>> blockingLoad(Supplier<Optional<V>> query) {
        return counting(() -> {
            Supplier<Optional<V>> result;
            try {
                Optional<V> value = query.get();
                result = () -> value;
            } catch (RuntimeException failed) {
                result = () -> {
                    throw failed;
                };
            }
            loading.countDown();
            Latches.await(answer);
            return result.get();
        });
    }
}
