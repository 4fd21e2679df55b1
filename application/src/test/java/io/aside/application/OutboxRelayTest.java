package io.aside.application;

import static io.aside.application.RelayFixture.batch;
import static io.aside.application.RelayFixture.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.domain.port.RepositoryUnavailableException;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.mockito.Mockito;

class OutboxRelayTest {
    private final RelayFixture relay = new RelayFixture();
    private final PendingInvalidation first = pending(1, "a");
    private final PendingInvalidation second = pending(2, "b");

    @Test
    void givenEntriesSeenByAnEarlierPass_whenCacheAnswers_thenDeliversOldestFirstRemovesThemAndOpensTheGate() {
        when(relay.outbox.pending(OutboxRelay.BATCH)).thenReturn(batch(first, second));
        when(relay.outbox.oldestPending()).thenReturn(OptionalLong.empty());
        assertThat(relay.pass()).as("a first sighting: their writers may still be delivering them").isZero();
        relay.trust.withdraw(2);

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
        when(relay.outbox.pending(OutboxRelay.BATCH)).thenReturn(batch(first)).thenReturn(batch(first, second));
        relay.pass();

        assertThat(relay.pass()).isEqualTo(1);

        verify(relay.cache).invalidate(first.invalidation());
        verify(relay.cache, never()).invalidate(second.invalidation());
        verify(relay.outbox).delivered(List.of(1L));
    }

    @Test
    void givenCacheFailsMidway_whenRelaying_thenKeepsTheRestAndClosesTheGate() {
        when(relay.outbox.pending(OutboxRelay.BATCH)).thenReturn(batch(first, second));
        doNothing().when(relay.cache).invalidate(first.invalidation());
        doThrow(new CacheUnavailableException("down", null)).when(relay.cache).invalidate(second.invalidation());
        relay.pass();

        assertThat(relay.pass()).isEqualTo(1);

        verify(relay.outbox).delivered(List.of(1L));
        assertThat(relay.trust.isTrusted()).isFalse();
    }

    @Test
    void givenAWriterFailsDuringAPass_whenThePassSucceeds_thenTheGateStaysClosed() {
        when(relay.outbox.pending(OutboxRelay.BATCH)).thenReturn(batch(first)).thenAnswer(invocation -> {
            relay.trust.withdraw(3); // a writer's own delivery fails while this pass runs
            return batch(first);
        });
        when(relay.outbox.oldestPending()).thenReturn(OptionalLong.empty()); // read before that entry committed
        relay.pass();

        relay.pass();

        assertThat(relay.trust.isTrusted()).isFalse();
    }

    @Test
    void givenAFailedEntryNotYetDue_whenThePassDeliversTheOlderOnes_thenTheGateStaysClosedUntilItIsDelivered() {
        relay.trust.withdraw(2);
        when(relay.outbox.pending(OutboxRelay.BATCH)).thenReturn(batch(first)).thenReturn(batch(first, second)).thenReturn(batch(second));
        when(relay.outbox.oldestPending()).thenReturn(OptionalLong.of(1), OptionalLong.of(2), OptionalLong.empty());
        relay.pass();

        relay.pass(); // delivers 1; 2 is not due yet
        assertThat(relay.trust.isTrusted()).isFalse();

        relay.pass(); // delivers 2
        assertThat(relay.trust.isTrusted()).isTrue();
    }

    @Test
    void givenDatabaseDown_whenRelaying_thenNothingThrowsAndTrustStaysAsItWas() {
        relay.trust.withdraw(1);
        when(relay.outbox.pending(any(Integer.class))).thenThrow(new RepositoryUnavailableException("down", null));

        assertThat(relay.pass()).isZero();
        assertThat(relay.trust.isTrusted()).isFalse();
    }

    @Test
    void givenEmptyOutbox_whenRelaying_thenTheGateOpensOnceTheFailedEntryIsGone() {
        relay.trust.withdraw(1);
        when(relay.outbox.pending(OutboxRelay.BATCH)).thenReturn(batch(first)).thenReturn(batch());
        when(relay.outbox.oldestPending()).thenReturn(OptionalLong.of(1), OptionalLong.empty());
        relay.pass();
        assertThat(relay.trust.isTrusted()).isFalse();

        assertThat(relay.pass()).isZero(); // delivered meanwhile by another instance's relay
        assertThat(relay.trust.isTrusted()).isTrue();
    }
}
