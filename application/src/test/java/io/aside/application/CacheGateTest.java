package io.aside.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gate opens once nothing at or before the undelivered entry is pending, whoever delivered it. */
class CacheGateTest {
    private final CacheGate gate = new CacheGate();

    @Test
    void givenClosedForAnEntry_whenTheOldestPendingIsPastIt_thenOpens() {
        gate.close(5);

        aPassAfterEveryCloseReads(OptionalLong.of(6));

        assertThat(gate.isOpen()).isTrue();
    }

    @Test
    void givenClosedForAnEntry_whenNothingIsPending_thenOpens() {
        gate.close(5);

        aPassAfterEveryCloseReads(OptionalLong.empty()); // another instance's relay delivered it

        assertThat(gate.isOpen()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 5})
    void givenClosedForAnEntry_whenAnEntryAtOrBeforeItIsPending_thenStaysClosed(long oldestPending) {
        gate.close(5);

        aPassAfterEveryCloseReads(OptionalLong.of(oldestPending));

        assertThat(gate.isOpen()).isFalse();
    }

    @Test
    void givenClosedForTwoEntries_whenOnlyTheFirstIsDelivered_thenStaysClosed() {
        gate.close(5);
        gate.close(8);

        aPassAfterEveryCloseReads(OptionalLong.of(8));

        assertThat(gate.isOpen()).isFalse();
    }

    @Test
    void givenClosedAgainDuringThePass_whenNothingWasPendingAtItsRead_thenStaysClosed() {
        gate.close(5);
        long closes = gate.closes();
        gate.close(9); // committed after the pass read the outbox: the read may have missed it

        gate.reopenIfDelivered(closes, OptionalLong.empty());

        assertThat(gate.isOpen()).isFalse();
    }

    /** A relay pass that began after every close so far reads {@code oldestPending} and offers to reopen. */
    private void aPassAfterEveryCloseReads(OptionalLong oldestPending) {
        gate.reopenIfDelivered(gate.closes(), oldestPending);
    }
}
