package io.aside.application;

import static io.aside.domain.model.ModelFixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.longThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.PageKey;
import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelDraft;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.domain.port.InvalidationOutbox;
import io.aside.domain.port.ModelRepository;
import io.aside.domain.port.WriteOutcomeUnknownException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** After a commit: forget local runs, invalidate, try once more patiently, else leave it to the relay. */
class InvalidatorTest {
    private static final ModelId ID = new ModelId(1);
    private static final PendingInvalidation PENDING =
            new PendingInvalidation(21, new Invalidation(Set.of(ID), Set.of(new Category("c"))));

    private final CachePort cache = mock(CachePort.class);
    private final InvalidationOutbox outbox = mock(InvalidationOutbox.class);
    private final CacheTrust trust = new CacheTrust();
    private final ReadFlights flights = mock(ReadFlights.class);
    private final CacheMetrics metrics = mock(CacheMetrics.class);
    private final Invalidator invalidator = new Invalidator(cache, outbox, trust, flights, metrics);

    @Test
    void givenTheFirstAttemptFails_whenThePatientOneLands_thenTheEntryIsClearedAndTheCacheStaysTrusted() {
        doThrow(new CacheUnavailableException("timed out", null)).when(cache).invalidate(PENDING.invalidation());

        invalidator.afterCommit(PENDING);

        verify(cache).invalidatePatiently(PENDING.invalidation());
        verify(outbox).delivered(List.of(21L));
        verify(metrics).cacheError("invalidate");
        verify(metrics).invalidationDelivered(eq(CacheMetrics.Delivery.WRITER), anyLong());
        assertThat(trust.isTrusted()).isTrue();
    }

    @Test
    void givenBothAttemptsFail_whenAfterCommit_thenTrustIsWithdrawnForWhatItTouchedAndTheEntryStaysForTheRelay() {
        doThrow(new CacheUnavailableException("timed out", null)).when(cache).invalidate(PENDING.invalidation());
        doThrow(new CacheUnavailableException("still down", null)).when(cache).invalidatePatiently(PENDING.invalidation());

        invalidator.afterCommit(PENDING);

        verify(outbox, never()).delivered(any());
        verify(metrics).cacheError("invalidate-patiently");
        verify(metrics, never()).invalidationDelivered(any(), anyLong()); // the relay records it, with its whole wait
        assertThat(trust.isTrusted(new ModelKey(ID))).isFalse();
        assertThat(trust.isTrusted(new PageKey(new Category("c"), 20))).isFalse();
        assertThat(trust.isTrusted(new ModelKey(new ModelId(2)))).as("a model the write did not touch").isTrue();
    }

    @Test
    void givenASlowCache_whenDelivered_thenTheLagRecordedIsTheTimeFromCommitToDelivery() {
        doAnswer(call -> {
            Thread.sleep(30);
            return null;
        }).when(cache).invalidate(PENDING.invalidation());

        invalidator.afterCommit(PENDING);

        verify(metrics).invalidationDelivered(eq(CacheMetrics.Delivery.WRITER), longThat(nanos -> nanos >= 30_000_000L && nanos < 5_000_000_000L));
    }

    @Test
    void givenACommit_whenDelivering_thenLocalRunsAreForgottenBeforeTheCacheIsInvalidated() {
        invalidator.afterCommit(PENDING);

        InOrder order = inOrder(flights, cache, outbox);
        order.verify(flights).forget(PENDING.invalidation());
        order.verify(cache).invalidate(PENDING.invalidation());
        order.verify(outbox).delivered(List.of(21L));
    }

    @Test
    void givenTheCommitsOutcomeIsUnknown_whenUpdating_thenItsInvalidationIsDeliveredTheEntryKeptAndTheFailureRethrown() {
        ModelRepository repository = mock(ModelRepository.class);
        ModelDraft draft = draft("model 1", "c");
        WriteOutcomeUnknownException unknown = new WriteOutcomeUnknownException("connection lost during commit", PENDING, null);
        when(repository.update(ID, 1, draft)).thenThrow(unknown);

        assertThatThrownBy(() -> new UpdateModel(repository, invalidator).update(new UpdateModelCommand(ID, 1, draft))).isSameAs(unknown);

        verify(flights).forget(PENDING.invalidation());
        verify(cache).invalidate(PENDING.invalidation());
        verify(outbox, never()).delivered(any());
        assertThat(trust.isTrusted()).isTrue();
    }
}
