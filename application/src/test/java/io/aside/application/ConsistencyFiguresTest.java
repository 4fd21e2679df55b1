package io.aside.application;

import static io.aside.application.RelayFixture.START;
import static io.aside.application.RelayFixture.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.longThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.OutboxBacklog;
import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CacheUnavailableException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** What operators are shown of consistency: invalidation lag by path, the outbox's backlog, the stale bound. */
class ConsistencyFiguresTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final Duration RELAY_INTERVAL = Duration.ofMillis(250);
    private static final Duration FALLBACK_WINDOW = Duration.ofSeconds(1);

    private final RelayFixture relay = new RelayFixture();
    private final ReadFlights flights = mock(ReadFlights.class);
    private final StaleBound bound = new StaleBound(flights, relay.relay(), relay.trust, FALLBACK_WINDOW, RELAY_INTERVAL);

    @Test
    void givenAnEntryTenSecondsOld_whenTheRelayDeliversIt_thenItsLagIsItsAgeAndTheTimeSinceTheRead() {
        PendingInvalidation old = aged(1, TEN_SECONDS);
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(old));
        relay.pass();

        relay.pass();

        verify(relay.metrics).invalidationDelivered(eq(CacheMetrics.Delivery.RELAY),
                longThat(nanos -> nanos >= TEN_SECONDS.toNanos() && nanos < TEN_SECONDS.plusSeconds(5).toNanos()));
    }

    @Test
    void givenEveryDueEntryDelivered_whenPassed_thenNoBacklogAndNoExtraQuery() {
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(aged(1, TEN_SECONDS)));
        relay.pass();
        relay.pass();

        assertThat(relay.relay().backlog()).isEqualTo(OutboxBacklog.EMPTY);
        verify(relay.outbox, never()).backlog();
        assertThat(bound.current()).isZero();
    }

    @Test
    void givenTheCacheDown_whenDueEntriesStay_thenTheBacklogIsTheOutboxsAndTheStaleBoundTheRelays() {
        PendingInvalidation stuck = aged(1, TEN_SECONDS);
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(stuck));
        when(relay.outbox.oldestPending()).thenReturn(OptionalLong.of(1));
        OutboxBacklog waiting = new OutboxBacklog(3, TEN_SECONDS);
        when(relay.outbox.backlog()).thenReturn(waiting);
        doThrow(new CacheUnavailableException("down", null)).when(relay.cache).invalidate(stuck.invalidation());
        relay.pass();
        assertThat(relay.relay().backlog()).as("a first sighting is its writer's to deliver").isEqualTo(OutboxBacklog.EMPTY);

        relay.pass();

        assertThat(relay.relay().backlog()).isEqualTo(waiting);
        verify(relay.metrics, never()).invalidationDelivered(eq(CacheMetrics.Delivery.RELAY), anyLong());
        assertThat(bound.current()).isBetween(RELAY_INTERVAL.multipliedBy(2), RELAY_INTERVAL.multipliedBy(2).plusSeconds(1));
    }

    @Test
    void givenTheStuckEntryDeliveredAtLast_whenPassed_thenTheBacklogAndTheBoundFallBackToZero() {
        PendingInvalidation stuck = aged(1, TEN_SECONDS);
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(stuck));
        when(relay.outbox.oldestPending()).thenReturn(OptionalLong.of(1)).thenReturn(OptionalLong.of(1)).thenReturn(OptionalLong.empty());
        when(relay.outbox.backlog()).thenReturn(new OutboxBacklog(1, TEN_SECONDS));
        doThrow(new CacheUnavailableException("down", null)).doNothing().when(relay.cache).invalidate(stuck.invalidation());
        relay.pass();
        relay.pass();
        assertThat(bound.current()).isPositive();

        relay.pass();

        assertThat(relay.relay().backlog()).isEqualTo(OutboxBacklog.EMPTY);
        assertThat(relay.trust.isTrusted()).isTrue();
        assertThat(bound.current()).isZero();
    }

    @Test
    void givenMoreDueEntriesThanAPassReads_whenAllDelivered_thenTheRestIsCountedAsBacklog() {
        PendingInvalidation[] full = LongStream.rangeClosed(1, OutboxRelay.BATCH).mapToObj(id -> aged(id, TEN_SECONDS))
                .toArray(PendingInvalidation[]::new);
        when(relay.outbox.pendingAfter(anyLong(), eq(OutboxRelay.BATCH))).thenReturn(batch(full));
        when(relay.outbox.backlog()).thenReturn(new OutboxBacklog(5_000, TEN_SECONDS));
        relay.pass();

        relay.pass();

        assertThat(relay.relay().backlog().entries()).isEqualTo(5_000);
    }

    @Test
    void givenThisInstanceAnswersFromFallbackReads_whenAsked_thenTheBoundIsTheFallbackWindow() {
        when(flights.servingFallbacks()).thenReturn(true);

        assertThat(bound.current()).isEqualTo(FALLBACK_WINDOW);
    }

    @Test
    void givenAnUndeliveredInvalidationOfItsOwn_whenAsked_thenTheRelaysBoundEvenBeforeAPassCountsIt() {
        relay.trust.withdraw(7, new Invalidation(Set.of(new ModelId(7)), Set.of()));

        assertThat(bound.current()).isEqualTo(RELAY_INTERVAL.multipliedBy(2));
    }

    private static PendingInvalidation aged(long id, Duration age) {
        return new PendingInvalidation(id, new Invalidation(Set.of(new ModelId(id)), Set.of(new Category("c"))), age);
    }
}
