package io.aside.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.PageKey;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Trust is withdrawn for the keys an undelivered invalidation touches, and returns once nothing at or
 * before its entry is pending, whoever delivered it, or once this instance's relay delivered it.
 */
class CacheTrustTest {
    private static final Category TOOLS = new Category("tools");
    private static final Category TOYS = new Category("toys");

    private final CacheTrust trust = new CacheTrust();

    @Test
    void givenNothingWithdrawn_thenEveryKeyIsTrusted() {
        assertThat(trust.isTrusted()).isTrue();
        assertThat(trust.isTrusted(model(1))).isTrue();
        assertThat(trust.isTrusted(page(TOOLS))).isTrue();
    }

    @Test
    void givenAnUndeliveredInvalidation_thenItsModelsAndThePagesOfItsCategoriesAreUntrustedAndNothingElse() {
        trust.withdraw(5, touching(1, TOOLS));

        assertThat(trust.isTrusted(model(1))).isFalse();
        assertThat(trust.isTrusted(new PageKey(TOOLS, 5))).isFalse();
        assertThat(trust.isTrusted(new PageKey(TOOLS, 50))).as("every page of the category, whatever its size").isFalse();
        assertThat(trust.isTrusted(model(2))).isTrue();
        assertThat(trust.isTrusted(page(TOYS))).isTrue();
        assertThat(trust.isTrusted()).as("not every key").isFalse();
    }

    @Test
    void givenManyUndeliveredInvalidations_thenEachKeepsItsKeysUntrustedAndNoOther() {
        LongStream.rangeClosed(1, 200).forEach(id -> trust.withdraw(id, touching(id, TOOLS)));

        assertThat(LongStream.rangeClosed(1, 200)).allSatisfy(id -> assertThat(trust.isTrusted(model(id))).as("model %d", id).isFalse());
        assertThat(trust.isTrusted(model(201))).isTrue();
        assertThat(trust.isTrusted(page(TOYS))).isTrue();
    }

    @Test
    void givenAsManyUndeliveredAsRemembered_thenKeysNoneTouchedStayTrusted() {
        LongStream.rangeClosed(1, CacheTrust.MAX_REMEMBERED).forEach(id -> trust.withdraw(id, touching(id, TOOLS)));

        assertThat(trust.isTrusted(model(CacheTrust.MAX_REMEMBERED + 1))).isTrue();
        assertThat(trust.isTrusted(page(TOYS))).isTrue();
    }

    @Test
    void givenOneMoreUndeliveredThanRemembered_thenEveryKeyIsUntrusted() {
        LongStream.rangeClosed(1, CacheTrust.MAX_REMEMBERED + 1).forEach(id -> trust.withdraw(id, touching(id, TOOLS)));

        assertThat(trust.isTrusted(model(CacheTrust.MAX_REMEMBERED + 2))).isFalse();
        assertThat(trust.isTrusted(page(TOYS))).isFalse();
    }

    @Test
    void givenEveryKeyUntrusted_whenAnEntryAtOrBeforeTheLastUndeliveredIsPending_thenStaysSoUntilNoneIs() {
        long last = CacheTrust.MAX_REMEMBERED + 1;
        LongStream.rangeClosed(1, last).forEach(id -> trust.withdraw(id, touching(id, TOOLS)));

        aPassAfterEveryWithdrawalReads(OptionalLong.of(last));
        assertThat(trust.isTrusted(page(TOYS))).isFalse();

        aPassAfterEveryWithdrawalReads(OptionalLong.of(last + 1));
        assertThat(trust.isTrusted()).isTrue();
    }

    @Test
    void givenEveryKeyUntrusted_whenWithdrawnAgainDuringThePass_thenStaysSo() {
        LongStream.rangeClosed(1, CacheTrust.MAX_REMEMBERED + 1).forEach(id -> trust.withdraw(id, touching(id, TOOLS)));
        long withdrawals = trust.withdrawals();
        trust.withdraw(1, touching(1, TOOLS)); // forgotten past the bound: it may be an entry the read did not see

        trust.restoreIfDelivered(withdrawals, OptionalLong.empty());

        assertThat(trust.isTrusted(page(TOYS))).isFalse();
    }

    @Test
    void givenWithdrawnForAnEntry_whenTheOldestPendingIsPastIt_thenTrustedAgain() {
        trust.withdraw(5, touching(1, TOOLS));

        aPassAfterEveryWithdrawalReads(OptionalLong.of(6));

        assertThat(trust.isTrusted()).isTrue();
    }

    @Test
    void givenWithdrawnForAnEntry_whenNothingIsPending_thenTrustedAgain() {
        trust.withdraw(5, touching(1, TOOLS));

        aPassAfterEveryWithdrawalReads(OptionalLong.empty()); // another instance's relay delivered it

        assertThat(trust.isTrusted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 5})
    void givenWithdrawnForAnEntry_whenAnEntryAtOrBeforeItIsPending_thenItsKeysStayUntrusted(long oldestPending) {
        trust.withdraw(5, touching(1, TOOLS));

        aPassAfterEveryWithdrawalReads(OptionalLong.of(oldestPending));

        assertThat(trust.isTrusted(model(1))).isFalse();
    }

    @Test
    void givenWithdrawnForTwoEntries_whenOnlyTheFirstIsDelivered_thenOnlyItsKeysAreTrustedAgain() {
        trust.withdraw(5, touching(1, TOOLS));
        trust.withdraw(8, touching(2, TOYS));

        aPassAfterEveryWithdrawalReads(OptionalLong.of(8));

        assertThat(trust.isTrusted(model(1))).isTrue();
        assertThat(trust.isTrusted(page(TOOLS))).isTrue();
        assertThat(trust.isTrusted(model(2))).isFalse();
        assertThat(trust.isTrusted(page(TOYS))).isFalse();
    }

    @Test
    void givenWithdrawnAgainDuringThePass_whenNothingWasPendingAtItsRead_thenThatEntrysKeysStayUntrusted() {
        trust.withdraw(5, touching(1, TOOLS));
        long withdrawals = trust.withdrawals();
        trust.withdraw(9, touching(2, TOYS)); // committed after the pass read the outbox: the read may have missed it

        trust.restoreIfDelivered(withdrawals, OptionalLong.empty());

        assertThat(trust.isTrusted(model(2))).isFalse();
        assertThat(trust.isTrusted(model(1))).as("withdrawn before the pass: the read would have seen it").isTrue();
    }

    @Test
    void givenAnEntryWithALowerIdWithdrawnDuringThePass_whenTheOldestPendingIsPastIt_thenItsKeysStayUntrusted() {
        trust.withdraw(5, touching(1, TOOLS));
        long withdrawals = trust.withdrawals();
        trust.withdraw(3, touching(2, TOYS)); // its transaction took its id before entry 5's, and committed after the read

        trust.restoreIfDelivered(withdrawals, OptionalLong.of(8));

        assertThat(trust.isTrusted(model(2))).isFalse();
        assertThat(trust.isTrusted(model(1))).isTrue();
    }

    @Test
    void givenAnEntryWithdrawnAgainDuringThePass_whenAnOlderOneWasDelivered_thenTheOlderOnesKeysAreTrustedAgain() {
        trust.withdraw(5, touching(1, TOOLS));
        trust.withdraw(8, touching(2, TOYS));
        long withdrawals = trust.withdrawals();
        trust.withdraw(8, touching(2, TOYS)); // the relay failed on it once more: nothing new

        trust.restoreIfDelivered(withdrawals, OptionalLong.of(8));

        assertThat(trust.isTrusted(model(1))).isTrue();
        assertThat(trust.isTrusted(model(2))).isFalse();
    }

    @Test
    void givenWithdrawnForTwoEntries_whenThisInstanceDeliversTheLaterOne_thenItsKeysAreTrustedAgainBeforeTheOlderIs() {
        trust.withdraw(5, touching(1, TOOLS));
        trust.withdraw(8, touching(2, TOYS));

        trust.delivered(List.of(8L));

        assertThat(trust.isTrusted(model(2))).isTrue();
        assertThat(trust.isTrusted(page(TOYS))).isTrue();
        assertThat(trust.isTrusted(model(1))).isFalse();
    }

    /** A relay pass that began after every withdrawal so far reads {@code oldestPending} and offers to restore. */
    private void aPassAfterEveryWithdrawalReads(OptionalLong oldestPending) {
        trust.restoreIfDelivered(trust.withdrawals(), oldestPending);
    }

    private static Invalidation touching(long model, Category category) {
        return new Invalidation(Set.of(new ModelId(model)), Set.of(category));
    }

    private static ModelKey model(long id) {
        return new ModelKey(new ModelId(id));
    }

    private static PageKey page(Category category) {
        return new PageKey(category, 20);
    }
}
