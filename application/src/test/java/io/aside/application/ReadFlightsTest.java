package io.aside.application;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.aside.domain.cache.EntryKind;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.RepositoryUnavailableException;
import java.util.List;
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
    private static final ModelKey KEY = new ModelKey(ID);
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
        List<ReaderThread<Presence<Model>>> readers = startReadersOfRow("reader-", 50);
        readPath.cache.awaitLookup();
        ReaderThread.awaitJoined(readers, 49);

        readPath.cache.answerLookups();

        assertThat(readers).allSatisfy(reader -> assertThat(reader.result().value()).isEqualTo(Presence.of(row)));
        assertThat(readPath.loads).hasValue(1);
        assertThat(readPath.cache.lookups()).isEqualTo(1);
        verify(readPath.metrics, times(49)).coalesced(EntryKind.MODEL);
    }

    @Test
    void givenColdKey_whenFiftyReadersArriveWhileItLoads_thenStillOneLoad() {
        ReaderThread<Presence<Model>> first = startFirstReaderLoading(() -> Presence.of(row));
        List<ReaderThread<Presence<Model>>> late = startReadersJoiningTheRun("late-", 49);

        answer.countDown();

        assertThat(first.result()).isEqualTo(new Read<>(Presence.of(row), false));
        assertThat(late).as("joined after the query was sent: they ask the cache again and find the fill")
                .allSatisfy(reader -> assertThat(reader.result()).isEqualTo(new Read<>(Presence.of(row), true)));
        assertThat(readPath.loads).hasValue(1);
    }

    @Test
    void givenAWriteRefusesTheFill_whenAReaderJoinedAfterTheQueryWasSent_thenItRunsAgainAndGetsTheNewRow() {
        AtomicReference<Model> database = new AtomicReference<>(OLD);
        ReaderThread<Presence<Model>> first = startFirstReaderLoading(() -> Presence.of(database.get()));
        ReaderThread<Presence<Model>> late = ReaderThread.start("late", () -> cacheAside.read(KEY, readPath.counting(() -> Presence.of(database.get()))))
                .awaitJoined();

        database.set(UPDATED); // a write on another instance commits and invalidates: the first reader's lease is gone
        readPath.cache.invalidate(new Invalidation(Set.of(ID), Set.of()));
        answer.countDown();

        assertThat(first.result().value()).isEqualTo(Presence.of(OLD));
        assertThat(late.result().value()).isEqualTo(Presence.of(UPDATED));
        assertThat(readPath.loads).hasValue(2);
        verify(readPath.metrics).fillRefused(EntryKind.MODEL);
        verify(readPath.metrics, never()).coalesced(any());
    }

    @Test
    void givenCacheDown_whenReadersJoinTheFallbackLoad_thenTheyShareItsAnswer() {
        readPath.cache.goDown();
        ReaderThread<Presence<Model>> first = startFirstReaderLoading(() -> Presence.of(row));
        List<ReaderThread<Presence<Model>>> joiners = startReadersJoiningTheRun("joiner-", 10);

        answer.countDown();

        assertThat(first.result()).isEqualTo(new Read<>(Presence.of(row), false));
        assertThat(joiners).allSatisfy(reader -> assertThat(reader.result()).isEqualTo(new Read<>(Presence.of(row), false)));
        assertThat(readPath.loads).hasValue(1);
        verify(readPath.metrics, times(10)).coalesced(EntryKind.MODEL);
    }

    @Test
    void givenTheRunFails_whenOthersJoinedIt_thenEveryOneGetsItsException() {
        RepositoryUnavailableException failure = new RepositoryUnavailableException("database down", null);
        ReaderThread<Presence<Model>> first = startFirstReaderLoading(() -> {
            throw failure;
        });
        List<ReaderThread<Presence<Model>>> joiners = startReadersJoiningTheRun("joiner-", 5);

        answer.countDown();

        assertThat(first.failure()).isSameAs(failure);
        assertThat(joiners).allSatisfy(reader -> assertThat(reader.failure()).isSameAs(failure));
        assertThat(readPath.loads).hasValue(1);
    }

    @Test
    void givenALocalWriteForgetsTheRun_whenTheNextReaderArrives_thenItRunsItsOwnAndSeesTheWrite() {
        readPath.trust.withdraw(1, Invalidation.of(List.of(OLD))); // reads skip the untrusted cache: such a run's answer would be shared with every joiner
        AtomicReference<Model> database = new AtomicReference<>(OLD);
        ReaderThread<Presence<Model>> first = startFirstReaderLoading(() -> Presence.of(database.get()));

        database.set(UPDATED);
        flights.forget(Invalidation.of(List.of(UPDATED)));
        ReaderThread<Presence<Model>> next = ReaderThread.start("next", () -> cacheAside.read(KEY, readPath.counting(() -> Presence.of(database.get()))));

        assertThat(next.result().value()).as("answered while the first run still loads").isEqualTo(Presence.of(UPDATED));
        answer.countDown();
        assertThat(first.result().value()).isEqualTo(Presence.of(OLD));
        assertThat(readPath.loads).hasValue(2);
        verify(readPath.metrics, never()).coalesced(any());
    }

    @Test
    void givenTwoKeys_whenReadConcurrently_thenEachRunsItsOwnLoad() {
        CountDownLatch bothLoading = new CountDownLatch(2);
        Model other = model(2, "c");
        ReaderThread<Presence<Model>> one = ReaderThread.start("one", () -> cacheAside.read(KEY, readPath.counting(() -> {
            bothLoading.countDown();
            Latches.await(bothLoading);
            return Presence.of(row);
        })));
        ReaderThread<Presence<Model>> two = ReaderThread.start("two", () -> cacheAside.read(new ModelKey(new ModelId(2)), readPath.counting(() -> {
            bothLoading.countDown();
            Latches.await(bothLoading);
            return Presence.of(other);
        })));

        assertThat(one.result().value()).isEqualTo(Presence.of(row));
        assertThat(two.result().value()).isEqualTo(Presence.of(other));
        assertThat(readPath.loads).hasValue(2);
        verify(readPath.metrics, never()).coalesced(any());
    }

    /** Starts the reader whose run others may join, and returns once its query has been sent. */
    private ReaderThread<Presence<Model>> startFirstReaderLoading(Supplier<Presence<Model>> query) {
        ReaderThread<Presence<Model>> first = ReaderThread.start("first", () -> cacheAside.read(KEY, blockingLoad(query)));
        Latches.await(loading);
        return first;
    }

    /** Starts {@code count} readers of {@link #KEY}, each of whose own loads would answer {@link #row}. */
    private List<ReaderThread<Presence<Model>>> startReadersOfRow(String namePrefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> ReaderThread.start(namePrefix + i, () -> cacheAside.read(KEY, readPath.counting(() -> Presence.of(row)))))
                .toList();
    }

    /** Starts {@code count} readers of {@link #KEY}, and returns once every one has joined the run in flight. */
    private List<ReaderThread<Presence<Model>>> startReadersJoiningTheRun(String namePrefix, int count) {
        List<ReaderThread<Presence<Model>>> readers = startReadersOfRow(namePrefix, count);
        ReaderThread.awaitJoined(readers, count);
        return readers;
    }

    /** Sends its query, signals {@link #loading}, and answers only once {@link #answer} is released. */
    private <V> Supplier<V> blockingLoad(Supplier<V> query) {
        return readPath.counting(() -> {
            Supplier<V> result;
            try {
                V value = query.get();
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
