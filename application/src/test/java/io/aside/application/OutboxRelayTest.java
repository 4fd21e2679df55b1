package io.aside.application;

import static io.aside.application.RelayFixture.batch;
import static io.aside.application.RelayFixture.modelOf;
import static io.aside.application.RelayFixture.START;
import static io.aside.application.RelayFixture.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.aside.domain.cache.OutboxBatch;
import io.aside.domain.cache.PageKey;
import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.model.Category;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.domain.port.RepositoryUnavailableException;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.mockito.Mockito;

class OutboxRelayTest {
    private final RelayFixture relay = new RelayFixture();
    private final PendingInvalidation first = pending(1, "a");
    private final PendingInvalidation second = pending(2, "b");

    @Test
    void givenEntriesSeenByAnEarlierPass_whenCacheAnswers_thenDeliversOldestFirstRemovesThemAndOpensTheGate() {
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(first, second));
        when(relay.outbox.oldestPending()).thenReturn(OptionalLong.empty());
        assertThat(relay.pass()).as("a first sighting: their writers may still be delivering them").isZero();
        relay.trust.withdraw(second.id(), second.invalidation());

        assertThat(relay.pass()).isEqualTo(2);

        InOrder order = Mockito.inOrder(relay.cache, relay.outbox);
        order.verify(relay.cache).invalidate(first.invalidation());
        order.verify(relay.cache).invalidate(second.invalidation());
        order.verify(relay.outbox).delivered(List.of(1L, 2L));
        assertThat(relay.trust.isTrusted()).isTrue();
        verify(relay.metrics).replayed(2);
    }

    @Test
    void givenAnEntryJustWritten_whenRelayRuns_thenItIsLeftToItsWriterForOnePass() {
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(first)).thenReturn(batch(first, second));
        relay.pass();

        assertThat(relay.pass()).isEqualTo(1);

        verify(relay.cache).invalidate(first.invalidation());
        verify(relay.cache, never()).invalidate(second.invalidation());
        verify(relay.outbox).delivered(List.of(1L));
    }

    @Test
    void givenCacheFailsMidway_whenRelaying_thenKeepsTheRestAndWithdrawsTrustForItsKeys() {
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(first, second));
        doNothing().when(relay.cache).invalidate(first.invalidation());
        doThrow(new CacheUnavailableException("down", null)).when(relay.cache).invalidate(second.invalidation());
        relay.pass();

        assertThat(relay.pass()).isEqualTo(1);

        verify(relay.outbox).delivered(List.of(1L));
        assertThat(relay.trust.isTrusted(modelOf(second))).isFalse();
        assertThat(relay.trust.isTrusted(modelOf(first))).isTrue();
    }

    @Test
    void givenTheFirstEntryFails_whenRelaying_thenTheOnesBehindItAreStillDelivered() {
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(first, second));
        doThrow(new CacheUnavailableException("down", null)).when(relay.cache).invalidate(first.invalidation());
        relay.pass();

        assertThat(relay.pass()).isEqualTo(1);

        verify(relay.cache).invalidate(second.invalidation());
        verify(relay.outbox).delivered(List.of(2L));
        assertThat(relay.trust.isTrusted(modelOf(first))).isFalse();
        assertThat(relay.trust.isTrusted(modelOf(second))).isTrue();
    }

    @Test
    void givenSeveralEntriesFail_whenRelaying_thenEachWithdrawsTrustForItsOwnKeysOnly() {
        PendingInvalidation third = pending(3, "c");
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(first, second, third));
        doThrow(new CacheUnavailableException("down", null)).when(relay.cache).invalidate(first.invalidation());
        doThrow(new CacheUnavailableException("down", null)).when(relay.cache).invalidate(third.invalidation());
        relay.pass();

        relay.pass();

        assertThat(relay.trust.isTrusted(modelOf(first))).isFalse();
        assertThat(relay.trust.isTrusted(new PageKey(new Category("a"), 20))).isFalse();
        assertThat(relay.trust.isTrusted(modelOf(third))).isFalse();
        assertThat(relay.trust.isTrusted(new PageKey(new Category("c"), 20))).isFalse();
        assertThat(relay.trust.isTrusted(modelOf(second))).isTrue();
        assertThat(relay.trust.isTrusted(new PageKey(new Category("b"), 20))).isTrue();
        verify(relay.metrics, times(2)).cacheError("replay");
    }

    @Test
    void givenAWholeBatchItCannotDeliver_whenRelaying_thenThePassReadsOnPastItAndDeliversTheEntriesBehind() {
        List<PendingInvalidation> stuck = LongStream.rangeClosed(1, OutboxRelay.BATCH).mapToObj(id -> pending(id, "stuck")).toList();
        PendingInvalidation behind = pending(OutboxRelay.BATCH + 1, "healthy");
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(OutboxBatch.of(stuck));
        when(relay.outbox.pendingAfter(stuck.get(OutboxRelay.BATCH - 1).id(), OutboxRelay.BATCH)).thenReturn(batch(behind));
        when(relay.outbox.oldestPending()).thenReturn(OptionalLong.of(1));
        doThrow(new CacheUnavailableException("node down", null)).when(relay.cache).invalidate(any());
        doNothing().when(relay.cache).invalidate(behind.invalidation());
        relay.pass(); // sees the full batch
        relay.pass(); // fails on all of it, reads on and sees the entry behind

        assertThat(relay.pass()).isEqualTo(1);

        verify(relay.outbox).delivered(List.of(behind.id()));
        assertThat(stuck).allSatisfy(entry -> assertThat(relay.trust.isTrusted(modelOf(entry))).isFalse());
        assertThat(relay.trust.isTrusted(modelOf(behind))).isTrue();
    }

    @Test
    void givenTheCacheShedsCalls_whenRelaying_thenEveryDueEntryIsStillTriedAndWithdrawn() {
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(first, second));
        doThrow(CacheUnavailableException.shed("breaker open", null)).when(relay.cache).invalidate(any());
        relay.pass();

        relay.pass();

        verify(relay.cache).invalidate(first.invalidation());
        verify(relay.cache).invalidate(second.invalidation());
        assertThat(relay.trust.isTrusted(modelOf(first))).isFalse();
        assertThat(relay.trust.isTrusted(modelOf(second))).isFalse();
    }

    @Test
    void givenAWriterFailsDuringAPass_whenThePassSucceeds_thenItsKeysStayUntrusted() {
        PendingInvalidation writers = pending(3, "c");
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(first)).thenAnswer(invocation -> {
            relay.trust.withdraw(writers.id(), writers.invalidation()); // a writer's own delivery fails while this pass runs
            return batch(first);
        });
        when(relay.outbox.oldestPending()).thenReturn(OptionalLong.empty()); // read before that entry committed
        relay.pass();

        relay.pass();

        assertThat(relay.trust.isTrusted(modelOf(writers))).isFalse();
    }

    @Test
    void givenAFailedEntryNotYetDue_whenThePassDeliversTheOlderOnes_thenTheGateStaysClosedUntilItIsDelivered() {
        relay.trust.withdraw(second.id(), second.invalidation());
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(first)).thenReturn(batch(first, second)).thenReturn(batch(second));
        when(relay.outbox.oldestPending()).thenReturn(OptionalLong.of(1), OptionalLong.of(2), OptionalLong.empty());
        relay.pass();

        relay.pass(); // delivers 1; 2 is not due yet
        assertThat(relay.trust.isTrusted()).isFalse();

        relay.pass(); // delivers 2
        assertThat(relay.trust.isTrusted()).isTrue();
    }

    @Test
    void givenDatabaseDown_whenRelaying_thenNothingThrowsAndTrustStaysAsItWas() {
        relay.trust.withdraw(first.id(), first.invalidation());
        when(relay.outbox.pendingAfter(anyLong(), anyInt())).thenThrow(new RepositoryUnavailableException("down", null));

        assertThat(relay.pass()).isZero();
        assertThat(relay.trust.isTrusted()).isFalse();
    }

    @Test
    void givenEmptyOutbox_whenRelaying_thenTheGateOpensOnceTheFailedEntryIsGone() {
        relay.trust.withdraw(first.id(), first.invalidation());
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(first)).thenReturn(batch());
        when(relay.outbox.oldestPending()).thenReturn(OptionalLong.of(1), OptionalLong.empty());
        relay.pass();
        assertThat(relay.trust.isTrusted()).isFalse();

        assertThat(relay.pass()).isZero(); // delivered meanwhile by another instance's relay
        assertThat(relay.trust.isTrusted()).isTrue();
    }
}
