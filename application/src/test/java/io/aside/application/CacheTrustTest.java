package io.aside.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Trust returns once nothing at or before the undelivered entry is pending, whoever delivered it. */
class CacheTrustTest {
    private final CacheTrust trust = new CacheTrust();

    @Test
    void givenClosedForAnEntry_whenTheOldestPendingIsPastIt_thenOpens() {
        trust.withdraw(5);

        aPassAfterEveryCloseReads(OptionalLong.of(6));

        assertThat(trust.isTrusted()).isTrue();
    }

    @Test
    void givenClosedForAnEntry_whenNothingIsPending_thenOpens() {
        trust.withdraw(5);

        aPassAfterEveryCloseReads(OptionalLong.empty()); // another instance's relay delivered it

        assertThat(trust.isTrusted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 5})
    void givenClosedForAnEntry_whenAnEntryAtOrBeforeItIsPending_thenStaysClosed(long oldestPending) {
        trust.withdraw(5);

        aPassAfterEveryCloseReads(OptionalLong.of(oldestPending));

        assertThat(trust.isTrusted()).isFalse();
    }

    @Test
    void givenClosedForTwoEntries_whenOnlyTheFirstIsDelivered_thenStaysClosed() {
        trust.withdraw(5);
        trust.withdraw(8);

        aPassAfterEveryCloseReads(OptionalLong.of(8));

        assertThat(trust.isTrusted()).isFalse();
    }

    @Test
    void givenClosedAgainDuringThePass_whenNothingWasPendingAtItsRead_thenStaysClosed() {
        trust.withdraw(5);
        long closes = trust.withdrawals();
        trust.withdraw(9); // committed after the pass read the outbox: the read may have missed it

        trust.restoreIfDelivered(closes, OptionalLong.empty());

        assertThat(trust.isTrusted()).isFalse();
    }

    /** A relay pass that began after every close so far reads {@code oldestPending} and offers to reopen. */
    private void aPassAfterEveryCloseReads(OptionalLong oldestPending) {
        trust.restoreIfDelivered(trust.withdrawals(), oldestPending);
    }
}
