package io.aside.application;

import static io.aside.domain.model.ModelFixtures.draft;
import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelDraft;
import io.aside.domain.model.ModelId;
import io.aside.domain.model.VersionPrecondition;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.domain.port.Created;
import io.aside.domain.port.InvalidationOutbox;
import io.aside.domain.port.ModelRepository;
import io.aside.domain.port.RepositoryUnavailableException;
import io.aside.domain.port.WriteResult;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class WriteUseCasesTest {
    private final ModelRepository repository = mock(ModelRepository.class);
    private final CachePort cache = mock(CachePort.class);
    private final CacheMetrics metrics = mock(CacheMetrics.class);
    private final InvalidationOutbox outbox = mock(InvalidationOutbox.class);
    private final CacheTrust trust = new CacheTrust();
    private final Invalidator invalidator = new Invalidator(cache, outbox, trust, new ReadFlights(Duration.ofSeconds(30), Duration.ZERO), metrics);
    private final ModelId id = new ModelId(1);

    @Test
    void givenUpdateMovingCategory_whenCommitted_thenInvalidatesModelAndBothCategoriesAfterTheCommit() {
        Model before = model(1, "old");
        Model after = model(1, "new", 2);
        ModelDraft draft = draft("model 1", "new");
        PendingInvalidation recorded = pending(11, Invalidation.of(List.of(before, after)));
        when(repository.update(id, 1, draft)).thenReturn(new WriteResult.Updated(before, after, recorded));

        Model result = new UpdateModel(repository, invalidator).update(new UpdateModelCommand(id, 1, draft));

        assertThat(result).isEqualTo(after);
        InOrder order = inOrder(repository, cache, outbox);
        order.verify(repository).update(id, 1, draft);
        order.verify(cache).invalidate(new Invalidation(Set.of(id), Set.of(new Category("old"), new Category("new"))));
        order.verify(outbox).delivered(List.of(11L));
        assertThat(trust.isTrusted()).isTrue();
    }

    @Test
    void givenStaleVersion_whenUpdate_thenConflictAndNothingInvalidated() {
        ModelDraft draft = draft("n", "c");
        when(repository.update(id, 1, draft)).thenReturn(new WriteResult.VersionMismatch(1, 3));
        assertThatThrownBy(() -> new UpdateModel(repository, invalidator).update(new UpdateModelCommand(id, 1, draft)))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> assertThat(e.currentVersion()).isEqualTo(3));
        verifyNoInteractions(cache);
    }

    @Test
    void givenStaleVersion_whenDelete_thenConflictNamingBothVersionsAndNothingInvalidated() {
        when(repository.delete(id, VersionPrecondition.exactly(2))).thenReturn(new WriteResult.VersionMismatch(2, 5));
        assertThatThrownBy(() -> new DeleteModel(repository, invalidator).delete(new DeleteModelCommand(id, VersionPrecondition.exactly(2))))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> assertThat(e.currentVersion()).isEqualTo(5))
                .hasMessage("model 1 is at version 5, not 2");
        verifyNoInteractions(cache);
    }

    @Test
    void givenUnknownId_whenUpdateOrDelete_thenNotFoundAndNothingInvalidated() {
        ModelDraft draft = draft("n", "c");
        when(repository.update(id, 1, draft)).thenReturn(new WriteResult.NotFound());
        when(repository.delete(id, VersionPrecondition.any())).thenReturn(new WriteResult.NotFound());
        assertThatThrownBy(() -> new UpdateModel(repository, invalidator).update(new UpdateModelCommand(id, 1, draft)))
                .isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> new DeleteModel(repository, invalidator).delete(new DeleteModelCommand(id, VersionPrecondition.any())))
                .isInstanceOf(ModelNotFoundException.class);
        verifyNoInteractions(cache);
    }

    @Test
    void givenCreate_whenCommitted_thenInvalidatesTheNewIdsTombstoneAndItsCategory() {
        ModelDraft draft = draft("model 7", "c");
        Model created = model(7, "c");
        when(repository.insert(draft)).thenReturn(new Created(created, pending(12, Invalidation.of(List.of(created)))));
        assertThat(new CreateModel(repository, invalidator).create(draft)).isEqualTo(created);
        InOrder order = inOrder(repository, cache);
        order.verify(repository).insert(draft);
        order.verify(cache).invalidate(new Invalidation(Set.of(new ModelId(7)), Set.of(new Category("c"))));
    }

    @Test
    void givenDelete_whenCommitted_thenInvalidatesAfterTheCommit() {
        Model deleted = model(1, "c", 2);
        when(repository.delete(id, VersionPrecondition.exactly(2)))
                .thenReturn(new WriteResult.Deleted(deleted, pending(13, Invalidation.of(List.of(deleted)))));
        new DeleteModel(repository, invalidator).delete(new DeleteModelCommand(id, VersionPrecondition.exactly(2)));
        InOrder order = inOrder(repository, cache);
        order.verify(repository).delete(id, VersionPrecondition.exactly(2));
        order.verify(cache).invalidate(new Invalidation(Set.of(id), Set.of(new Category("c"))));
    }

    @Test
    void givenCacheDownAfterCommit_whenInvalidating_thenWriteSucceedsEntryStaysPendingAndTrustIsWithdrawn() {
        ModelDraft draft = draft("model 7", "c");
        when(repository.insert(draft)).thenReturn(new Created(model(7, "c"), pending(14, Invalidation.of(List.of(model(7, "c"))))));
        doThrow(new CacheUnavailableException("down", null)).when(cache).invalidate(org.mockito.ArgumentMatchers.any());
        doThrow(new CacheUnavailableException("down", null)).when(cache).invalidatePatiently(org.mockito.ArgumentMatchers.any());

        assertThat(new CreateModel(repository, invalidator).create(draft).id()).isEqualTo(new ModelId(7));

        verify(metrics).cacheError("invalidate");
        verify(metrics).cacheError("invalidate-patiently");
        verify(outbox, never()).delivered(org.mockito.ArgumentMatchers.any());
        assertThat(trust.isTrusted()).isFalse();
    }

    @Test
    void givenDatabaseDownAfterDelivery_whenClearingTheOutbox_thenTheWriteStillSucceeds() {
        ModelDraft draft = draft("model 8", "c");
        when(repository.insert(draft)).thenReturn(new Created(model(8, "c"), pending(15, Invalidation.of(List.of(model(8, "c"))))));
        doThrow(new RepositoryUnavailableException("down", null)).when(outbox).delivered(List.of(15L));

        assertThat(new CreateModel(repository, invalidator).create(draft).id()).isEqualTo(new ModelId(8));
        assertThat(trust.isTrusted()).isTrue();
    }

    private static PendingInvalidation pending(long id, Invalidation invalidation) {
        return new PendingInvalidation(id, invalidation);
    }
}
