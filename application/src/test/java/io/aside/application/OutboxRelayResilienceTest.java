package io.aside.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
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
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A relay pass never throws (DESIGN §3.1): it counts the failure and the next pass starts over. */
class OutboxRelayResilienceTest {
    private final InvalidationOutbox outbox = mock(InvalidationOutbox.class);
    private final CachePort cache = mock(CachePort.class);
    private final CacheGate gate = new CacheGate();
    private final CacheMetrics metrics = mock(CacheMetrics.class);
    private final OutboxRelay relay = new OutboxRelay(outbox, cache, gate, metrics);
    private final PendingInvalidation entry = new PendingInvalidation(1, new Invalidation(Set.of(new ModelId(1)), Set.of(new Category("a"))));

    @Test
    void givenTheOutboxFailsUnexpectedly_whenRelaying_thenTheFailureIsCountedAndTheNextPassDelivers() {
        when(outbox.pending(OutboxRelay.BATCH))
                .thenReturn(OutboxBatch.of(List.of(entry)))
                .thenThrow(new IllegalStateException("The MariaDB server is running with the --read-only option"))
                .thenReturn(OutboxBatch.of(List.of(entry)));
        relay.relay();

        assertThat(relay.relay()).isZero();
        verify(metrics).relayError("unexpected");

        assertThat(relay.relay()).isEqualTo(1);
        verify(outbox).delivered(List.of(1L));
    }

    @Test
    void givenTheCacheFailsUnexpectedly_whenRelaying_thenTheFailureIsCountedAndTheNextPassDelivers() {
        when(outbox.pending(OutboxRelay.BATCH)).thenReturn(OutboxBatch.of(List.of(entry)));
        doThrow(new IllegalArgumentException("unexpected reply")).doNothing().when(cache).invalidate(entry.invalidation());
        relay.relay();

        assertThat(relay.relay()).isZero();
        verify(metrics).relayError("unexpected");

        assertThat(relay.relay()).isEqualTo(1);
        verify(outbox).delivered(List.of(1L));
    }

    @Test
    void givenTheDatabaseDown_whenRelaying_thenCountedAsDatabaseAndTheGateKeepsItsState() {
        gate.close(1);
        when(outbox.pending(anyInt())).thenThrow(new RepositoryUnavailableException("down", null));

        assertThat(relay.relay()).isZero();

        verify(metrics).relayError("database");
        verify(metrics, never()).relayError("unexpected");
        verify(outbox, never()).oldestPending();
        assertThat(gate.isOpen()).isFalse();
    }

    @Test
    void givenUnreadableRowsSetAside_whenRelaying_thenTheirCountIsReported() {
        when(outbox.pending(OutboxRelay.BATCH)).thenReturn(new OutboxBatch(List.of(entry), 2));

        relay.relay();

        verify(metrics).setAside(2);
    }

    @Test
    void givenTheCacheUnreachable_whenAPassAsksItsLife_thenThePassStillRuns() {
        doThrow(new CacheUnavailableException("down", null)).when(cache).ping();
        when(outbox.pending(OutboxRelay.BATCH)).thenReturn(OutboxBatch.of(List.of(entry)));
        relay.relay();

        assertThat(relay.relay()).isEqualTo(1);

        verify(metrics, never()).relayError(org.mockito.ArgumentMatchers.anyString());
    }
}
