package io.aside.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
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
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A gate this instance closed reopens once the entry is delivered, by its relay or by another instance's. */
class OutboxRelayGateTest {
    private final InvalidationOutbox outbox = mock(InvalidationOutbox.class);
    private final CachePort cache = mock(CachePort.class);
    private final CacheGate gate = new CacheGate();
    private final CacheMetrics metrics = mock(CacheMetrics.class);
    private final OutboxRelay relay = new OutboxRelay(outbox, cache, gate, metrics);
    private final PendingInvalidation stuck = pending(1);

    @BeforeEach
    void deliveryFailsOnThisInstance() {
        when(outbox.pending(OutboxRelay.BATCH)).thenReturn(OutboxBatch.of(List.of(stuck)));
        doThrow(new CacheUnavailableException("down", null)).when(cache).invalidate(stuck.invalidation());
        relay.relay(); // sees it
        relay.relay(); // fails to deliver it
        assertThat(gate.isOpen()).isFalse();
    }

    @Test
    void givenAnotherInstanceDeliveredTheEntry_whenNothingIsPending_thenTheGateReopens() {
        when(outbox.pending(OutboxRelay.BATCH)).thenReturn(OutboxBatch.of(List.of()));
        when(outbox.oldestPending()).thenReturn(OptionalLong.empty());

        relay.relay();

        assertThat(gate.isOpen()).isTrue();
        verify(cache, times(1)).invalidate(stuck.invalidation());
    }

    @Test
    void givenAnotherInstanceDeliveredTheEntry_whenOnlyLaterEntriesArePending_thenTheGateReopens() {
        PendingInvalidation later = pending(4);
        when(outbox.pending(OutboxRelay.BATCH)).thenReturn(OutboxBatch.of(List.of(later)));
        when(outbox.oldestPending()).thenReturn(OptionalLong.of(4));

        relay.relay();

        assertThat(gate.isOpen()).isTrue();
        verify(cache, times(1)).invalidate(stuck.invalidation());
    }

    private static PendingInvalidation pending(long id) {
        return new PendingInvalidation(id, new Invalidation(Set.of(new ModelId(id)), Set.of(new Category("c"))));
    }
}
