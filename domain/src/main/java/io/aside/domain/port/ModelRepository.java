package io.aside.domain.port;

import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelDraft;
import io.aside.domain.model.ModelId;
import io.aside.domain.model.VersionPrecondition;
import java.util.List;
import java.util.Optional;

/**
 * The system of record. Every write is one transaction that also records, in the
 * {@link InvalidationOutbox}, every cache entry the change makes stale (the model, its old and new
 * category); {@link Created}, {@link WriteResult.Updated} and {@link WriteResult.Deleted} return that
 * record so the caller can deliver it at once.
 * Implementations throw {@link RepositoryUnavailableException} when the database cannot be reached.
 */
public interface ModelRepository {
    Optional<Model> findById(ModelId id);

    /** The first {@code limit} models of a category, by ascending id. */
    List<Model> findFirstByCategory(Category category, int limit);

    Created insert(ModelDraft draft);

    /** Replaces the content if the stored version equals {@code expectedVersion}; the version check is part of the write. */
    WriteResult update(ModelId id, long expectedVersion, ModelDraft draft);

    /** Deletes the model if {@code precondition} holds for the stored version; the check is part of the write. */
    WriteResult delete(ModelId id, VersionPrecondition precondition);

    /** Throws {@link RepositoryUnavailableException} unless the database answers now. */
    void ping();
}
