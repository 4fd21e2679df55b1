package io.aside.application;

import static io.aside.application.RelayFixture.batch;
import static io.aside.application.RelayFixture.modelOf;
import static io.aside.application.RelayFixture.START;
import static io.aside.application.RelayFixture.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.port.CacheUnavailableException;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Trust this instance withdrew returns once the entry is delivered, by its relay or by another
 * instance's, even while an entry this relay cannot deliver stays in the outbox.
 */
class OutboxRelayTrustTest {
    private final RelayFixture relay = new RelayFixture();
    private final PendingInvalidation stuck = pending(1, "c");

    @BeforeEach
    void deliveryFailsOnThisInstance() {
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(stuck));
        doThrow(new CacheUnavailableException("down", null)).when(relay.cache).invalidate(stuck.invalidation());
        relay.pass(); // sees it
        relay.pass(); // fails to deliver it
        assertThat(relay.trust.isTrusted()).isFalse();
    }

    @Test
    void givenAnotherInstanceDeliveredTheEntry_whenNothingIsPending_thenTrustReturns() {
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch());
        when(relay.outbox.oldestPending()).thenReturn(OptionalLong.empty());

        relay.pass();

        assertThat(relay.trust.isTrusted()).isTrue();
        verify(relay.cache, times(1)).invalidate(stuck.invalidation());
    }

    @Test
    void givenAnotherInstanceDeliveredTheEntry_whenOnlyLaterEntriesArePending_thenTrustReturns() {
        PendingInvalidation later = pending(4, "c");
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(later));
        when(relay.outbox.oldestPending()).thenReturn(OptionalLong.of(4));

        relay.pass();

        assertThat(relay.trust.isTrusted()).isTrue();
        verify(relay.cache, times(1)).invalidate(stuck.invalidation());
    }

    @Test
    void givenAnEntryThatKeepsFailing_whenALaterWithdrawnOneIsDeliveredByThisRelay_thenItsKeysAreTrustedAgain() {
        PendingInvalidation writers = pending(4, "d");
        relay.trust.withdraw(writers.id(), writers.invalidation()); // its writer's own delivery failed
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(stuck, writers));
        when(relay.outbox.oldestPending()).thenReturn(OptionalLong.of(stuck.id()));
        relay.pass(); // sees it

        relay.pass(); // delivers it; the stuck entry fails again

        assertThat(relay.trust.isTrusted(modelOf(writers))).isTrue();
        assertThat(relay.trust.isTrusted(modelOf(stuck))).isFalse();
    }

    @Test
    void givenALaterEntryThatKeepsFailing_whenTheWithdrawnOneIsDeliveredByAnotherInstance_thenItsKeysAreTrustedAgain() {
        PendingInvalidation later = pending(4, "d");
        when(relay.outbox.pendingAfter(START, OutboxRelay.BATCH)).thenReturn(batch(stuck, later), batch(later));
        doThrow(new CacheUnavailableException("node down", null)).when(relay.cache).invalidate(later.invalidation());
        when(relay.outbox.oldestPending()).thenReturn(OptionalLong.of(stuck.id()), OptionalLong.of(later.id()));
        relay.pass(); // sees the later one

        relay.pass(); // the stuck one is gone, delivered elsewhere; the later one fails

        assertThat(relay.trust.isTrusted(modelOf(stuck))).isTrue();
        assertThat(relay.trust.isTrusted(modelOf(later))).isFalse();
    }
}
