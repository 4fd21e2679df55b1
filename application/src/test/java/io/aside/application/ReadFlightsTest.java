package io.aside.application;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.RepositoryUnavailableException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The in-process tier of herd protection (DESIGN §3.1): concurrent reads of one key share one run. */
class ReadFlightsTest {
    private static final ModelId ID = new ModelId(1);
    private static final ModelRead READ = new ModelRead(ID);
    private static final Model OLD = model(1, "c", 1);
    private static final Model UPDATED = model(1, "c", 2);

    @RegisterExtension
    final ReadPathFixture<LeasingCache> readPath = ReadPathFixture.overLeasingCache();
    private final ReadFlights flights = ReadPathFixture.flights();
    private final CacheAside cacheAside = readPath.cacheAside(flights, CachePolicy.defaults());
    private final Model row = model(1, "c");
    private final CountDownLatch loading = new CountDownLatch(1);
    private final CountDownLatch answer = new CountDownLatch(1);

    @AfterEach
    void releaseBlockedLoads() {
        answer.countDown();
    }

    @Test
    void givenColdKey_whenFiftyReadersArriveBeforeItsQuery_thenOneLoadAndFortyNineShareIt() {
        readPath.cache.holdLookups();
        List<ReaderThread<Model>> readers = startReadersOfRow("reader-", 50);
        readPath.cache.awaitLookup();
        ReaderThread.awaitJoined(readers, 49);

        readPath.cache.answerLookups();

        assertThat(readers).allSatisfy(reader -> assertThat(reader.result().value()).contains(row));
        assertThat(readPath.loads).hasValue(1);
        assertThat(readPath.cache.lookups()).isEqualTo(1);
        verify(readPath.metrics, times(49)).coalesced("model");
    }

    @Test
    void givenColdKey_whenFiftyReadersArriveWhileItLoads_thenStillOneLoad() {
        ReaderThread<Model> first = startFirstReaderLoading(() -> Optional.of(row));
        List<ReaderThread<Model>> late = startReadersJoiningTheRun("late-", 49);

        answer.countDown();

        assertThat(first.result()).isEqualTo(new Read<>(Optional.of(row), false));
        assertThat(late).as("joined after the query was sent: they ask the cache again and find the fill")
                .allSatisfy(reader -> assertThat(reader.result()).isEqualTo(new Read<>(Optional.of(row), true)));
        assertThat(readPath.loads).hasValue(1);
    }

    @Test
    void givenAWriteRefusesTheFill_whenAReaderJoinedAfterTheQueryWasSent_thenItRunsAgainAndGetsTheNewRow() {
        AtomicReference<Model> database = new AtomicReference<>(OLD);
        ReaderThread<Model> first = startFirstReaderLoading(() -> Optional.of(database.get()));
        ReaderThread<Model> late = ReaderThread.start("late", () -> cacheAside.read(READ, readPath.counting(() -> Optional.of(database.get()))))
                .awaitJoined();

        database.set(UPDATED); // a write on another instance commits and invalidates: the first reader's lease is gone
        readPath.cache.invalidate(new Invalidation(Set.of(ID), Set.of()));
        answer.countDown();

        assertThat(first.result().value()).contains(OLD);
        assertThat(late.result().value()).contains(UPDATED);
        assertThat(readPath.loads).hasValue(2);
        verify(readPath.metrics).fillRefused("model");
        verify(readPath.metrics, never()).coalesced(anyString());
    }

    @Test
    void givenCacheDown_whenReadersJoinTheFallbackLoad_thenTheyShareItsAnswer() {
        readPath.cache.goDown();
        ReaderThread<Model> first = startFirstReaderLoading(() -> Optional.of(row));
        List<ReaderThread<Model>> joiners = startReadersJoiningTheRun("joiner-", 10);

        answer.countDown();

        assertThat(first.result()).isEqualTo(new Read<>(Optional.of(row), false));
        assertThat(joiners).allSatisfy(reader -> assertThat(reader.result()).isEqualTo(new Read<>(Optional.of(row), false)));
        assertThat(readPath.loads).hasValue(1);
        verify(readPath.metrics, times(10)).coalesced("model");
    }

    @Test
    void givenTheRunFails_whenOthersJoinedIt_thenEveryOneGetsItsException() {
        RepositoryUnavailableException failure = new RepositoryUnavailableException("database down", null);
        ReaderThread<Model> first = startFirstReaderLoading(() -> {
            throw failure;
        });
        List<ReaderThread<Model>> joiners = startReadersJoiningTheRun("joiner-", 5);

        answer.countDown();

        assertThat(first.failure()).isSameAs(failure);
        assertThat(joiners).allSatisfy(reader -> assertThat(reader.failure()).isSameAs(failure));
        assertThat(readPath.loads).hasValue(1);
    }

    @Test
    void givenALocalWriteForgetsTheRun_whenTheNextReaderArrives_thenItRunsItsOwnAndSeesTheWrite() {
        readPath.gate.close(1); // reads bypass the cache: a bypassing run's answer would be shared with every joiner
        AtomicReference<Model> database = new AtomicReference<>(OLD);
        ReaderThread<Model> first = startFirstReaderLoading(() -> Optional.of(database.get()));

        database.set(UPDATED);
        flights.forget(Invalidation.of(List.of(UPDATED)));
        ReaderThread<Model> next = ReaderThread.start("next", () -> cacheAside.read(READ, readPath.counting(() -> Optional.of(database.get()))));

        assertThat(next.result().value()).as("answered while the first run still loads").contains(UPDATED);
        answer.countDown();
        assertThat(first.result().value()).contains(OLD);
        assertThat(readPath.loads).hasValue(2);
        verify(readPath.metrics, never()).coalesced(anyString());
    }

    @Test
    void givenTwoKeys_whenReadConcurrently_thenEachRunsItsOwnLoad() {
        CountDownLatch bothLoading = new CountDownLatch(2);
        Model other = model(2, "c");
        ReaderThread<Model> one = ReaderThread.start("one", () -> cacheAside.read(READ, readPath.counting(() -> {
            bothLoading.countDown();
            Latches.await(bothLoading);
            return Optional.of(row);
        })));
        ReaderThread<Model> two = ReaderThread.start("two", () -> cacheAside.read(new ModelRead(new ModelId(2)), readPath.counting(() -> {
            bothLoading.countDown();
            Latches.await(bothLoading);
            return Optional.of(other);
        })));

        assertThat(one.result().value()).contains(row);
        assertThat(two.result().value()).contains(other);
        assertThat(readPath.loads).hasValue(2);
        verify(readPath.metrics, never()).coalesced(anyString());
    }

    /** Starts the reader whose run others may join, and returns once its query has been sent. */
    private ReaderThread<Model> startFirstReaderLoading(Supplier<Optional<Model>> query) {
        ReaderThread<Model> first = ReaderThread.start("first", () -> cacheAside.read(READ, blockingLoad(query)));
        Latches.await(loading);
        return first;
    }

    /** Starts {@code count} readers of {@link #READ}, each of whose own loads would answer {@link #row}. */
    private List<ReaderThread<Model>> startReadersOfRow(String namePrefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> ReaderThread.start(namePrefix + i, () -> cacheAside.read(READ, readPath.counting(() -> Optional.of(row)))))
                .toList();
    }

    /** Starts {@code count} readers of {@link #READ}, and returns once every one has joined the run in flight. */
    private List<ReaderThread<Model>> startReadersJoiningTheRun(String namePrefix, int count) {
        List<ReaderThread<Model>> readers = startReadersOfRow(namePrefix, count);
        ReaderThread.awaitJoined(readers, count);
        return readers;
    }

    /** Sends its query, signals {@link #loading}, and answers only once {@link #answer} is released. */
    private <V> Supplier<Optional<V>> blockingLoad(Supplier<Optional<V>> query) {
        return readPath.counting(() -> {
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
