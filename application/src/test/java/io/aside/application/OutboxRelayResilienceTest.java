package io.aside.application;

import static io.aside.application.RelayFixture.batch;
import static io.aside.application.RelayFixture.START;
import static io.aside.application.RelayFixture.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.aside.domain.cache.OutboxBatch;
import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.domain.port.RepositoryUnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A relay pass never throws (DESIGN §3.1): it counts the failure and the next pass starts over. */
class OutboxRelayResilienceTest {
    private final RelayFixture relay = new RelayFixture();
    private final PendingInvalidation entry = pending(1, "a");

    @Test
    void givenTheOutboxFailsUnexpectedly_whenRelaying_thenTheFailureIsCountedAndTheNextPassDelivers() {
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH))
                .thenReturn(batch(entry))
                .thenThrow(new IllegalStateException("The MariaDB server is running with the --read-only option"))
                .thenReturn(batch(entry));
        relay.pass();

        assertTheFailureIsCountedAndTheNextPassDelivers();
    }

    @Test
    void givenTheCacheFailsUnexpectedly_whenRelaying_thenTheFailureIsCountedAndTheNextPassDelivers() {
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(entry));
        doThrow(new IllegalArgumentException("unexpected reply")).doNothing().when(relay.cache).invalidate(entry.invalidation());
        relay.pass();

        assertTheFailureIsCountedAndTheNextPassDelivers();
    }

    @Test
    void givenTheDatabaseDown_whenRelaying_thenCountedAsDatabaseAndTrustStaysAsItWas() {
        relay.trust.withdraw(entry.id(), entry.invalidation());
        when(relay.outbox.pendingAfter(anyLong(), anyInt())).thenThrow(new RepositoryUnavailableException("down", null));

        assertThat(relay.pass()).isZero();

        verify(relay.metrics).relayError("database");
        verify(relay.metrics, never()).relayError("unexpected");
        verify(relay.outbox, never()).oldestPending();
        assertThat(relay.trust.isTrusted()).isFalse();
    }

    @Test
    void givenUnreadableRowsSetAside_whenRelaying_thenTheirCountIsReported() {
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(new OutboxBatch(List.of(entry), 2));

        relay.pass();

        verify(relay.metrics).setAside(2);
    }

    @Test
    void givenTheCacheUnreachable_whenAPassAsksItsLife_thenThePassStillRuns() {
        doThrow(new CacheUnavailableException("down", null)).when(relay.cache).ping();
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(entry));
        relay.pass();

        assertThat(relay.pass()).isEqualTo(1);

        verify(relay.metrics, never()).relayError(anyString());
    }

    /** The pass after the first sighting fails unexpectedly; the one after it delivers the entry. */
    private void assertTheFailureIsCountedAndTheNextPassDelivers() {
        assertThat(relay.pass()).isZero();
        verify(relay.metrics).relayError("unexpected");

        assertThat(relay.pass()).isEqualTo(1);
        verify(relay.outbox).delivered(List.of(1L));
    }
}
