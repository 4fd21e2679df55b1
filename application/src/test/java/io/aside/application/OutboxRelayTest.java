package io.aside.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.OutboxBatch;
import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.domain.port.InvalidationOutbox;
import io.aside.domain.port.RepositoryUnavailableException;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.mockito.Mockito;

class OutboxRelayTest {
    private final InvalidationOutbox outbox = mock(InvalidationOutbox.class);
    private final CachePort cache = mock(CachePort.class);
    private final CacheGate gate = new CacheGate();
    private final CacheMetrics metrics = mock(CacheMetrics.class);
    private final OutboxRelay relay = new OutboxRelay(outbox, cache, gate, metrics);
    private final PendingInvalidation first = pending(1, "a");
    private final PendingInvalidation second = pending(2, "b");

    @Test
    void givenEntriesSeenByAnEarlierPass_whenCacheAnswers_thenDeliversOldestFirstRemovesThemAndOpensTheGate() {
        when(outbox.pending(OutboxRelay.BATCH)).thenReturn(batch(first, second));
        when(outbox.oldestPending()).thenReturn(OptionalLong.empty());
        assertThat(relay.relay()).as("a first sighting: their writers may still be delivering them").isZero();
        gate.close(2);

        assertThat(relay.relay()).isEqualTo(2);

        InOrder order = Mockito.inOrder(cache, outbox);
        order.verify(cache).invalidate(first.invalidation());
        order.verify(cache).invalidate(second.invalidation());
        order.verify(outbox).delivered(List.of(1L, 2L));
        assertThat(gate.isOpen()).isTrue();
        verify(metrics).replayed(2);
    }

    @Test
    void givenAnEntryJustWritten_whenRelayRuns_thenItIsLeftToItsWriterForOnePass() {
        when(outbox.pending(OutboxRelay.BATCH)).thenReturn(batch(first)).thenReturn(batch(first, second));
        relay.relay();

        assertThat(relay.relay()).isEqualTo(1);

        verify(cache).invalidate(first.invalidation());
        verify(cache, never()).invalidate(second.invalidation());
        verify(outbox).delivered(List.of(1L));
    }

    @Test
    void givenCacheFailsMidway_whenRelaying_thenKeepsTheRestAndClosesTheGate() {
        when(outbox.pending(OutboxRelay.BATCH)).thenReturn(batch(first, second));
        doNothing().when(cache).invalidate(first.invalidation());
        doThrow(new CacheUnavailableException("down", null)).when(cache).invalidate(second.invalidation());
        relay.relay();

        assertThat(relay.relay()).isEqualTo(1);

        verify(outbox).delivered(List.of(1L));
        assertThat(gate.isOpen()).isFalse();
    }

    @Test
    void givenAWriterFailsDuringAPass_whenThePassSucceeds_thenTheGateStaysClosed() {
        when(outbox.pending(OutboxRelay.BATCH)).thenReturn(batch(first)).thenAnswer(invocation -> {
            gate.close(3); // a writer's own delivery fails while this pass runs
            return batch(first);
        });
        when(outbox.oldestPending()).thenReturn(OptionalLong.empty()); // read before that entry committed
        relay.relay();

        relay.relay();

        assertThat(gate.isOpen()).isFalse();
    }

    @Test
    void givenAFailedEntryNotYetDue_whenThePassDeliversTheOlderOnes_thenTheGateStaysClosedUntilItIsDelivered() {
        gate.close(2);
        when(outbox.pending(OutboxRelay.BATCH)).thenReturn(batch(first)).thenReturn(batch(first, second)).thenReturn(batch(second));
        when(outbox.oldestPending()).thenReturn(OptionalLong.of(1), OptionalLong.of(2), OptionalLong.empty());
        relay.relay();

        relay.relay(); // delivers 1; 2 is not due yet
        assertThat(gate.isOpen()).isFalse();

        relay.relay(); // delivers 2
        assertThat(gate.isOpen()).isTrue();
    }

    @Test
    void givenDatabaseDown_whenRelaying_thenNothingThrowsAndTheGateKeepsItsState() {
        gate.close(1);
        when(outbox.pending(any(Integer.class))).thenThrow(new RepositoryUnavailableException("down", null));

        assertThat(relay.relay()).isZero();
        assertThat(gate.isOpen()).isFalse();
    }

    @Test
    void givenEmptyOutbox_whenRelaying_thenTheGateOpensOnceTheFailedEntryIsGone() {
        gate.close(1);
        when(outbox.pending(OutboxRelay.BATCH)).thenReturn(batch(first)).thenReturn(batch());
        when(outbox.oldestPending()).thenReturn(OptionalLong.of(1), OptionalLong.empty());
        relay.relay();
        assertThat(gate.isOpen()).isFalse();

        assertThat(relay.relay()).isZero(); // delivered meanwhile by another instance's relay
        assertThat(gate.isOpen()).isTrue();
    }

    private static OutboxBatch batch(PendingInvalidation... entries) {
        return OutboxBatch.of(List.of(entries));
    }

    private static PendingInvalidation pending(long id, String category) {
        return new PendingInvalidation(id, new Invalidation(Set.of(new ModelId(id)), Set.of(new Category(category))));
    }
}
