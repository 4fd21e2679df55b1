package io.aside.application;

import io.aside.domain.model.Model;
import io.aside.domain.port.ModelRepository;
import io.aside.domain.port.WriteResult;

/** Updates a model with optimistic concurrency; invalidates its key and its old and new category after commit. */
public final class UpdateModel {
    private final ModelRepository repository;
    private final Invalidator invalidator;

    public UpdateModel(ModelRepository repository, Invalidator invalidator) {
        this.repository = repository;
        this.invalidator = invalidator;
    }

    public Model update(UpdateModelCommand command) {
        WriteResult result = invalidator.write(() -> repository.update(command.id(), command.expectedVersion(), command.draft()));
        if (result instanceof WriteResult.Updated updated) {
            invalidator.afterCommit(updated.invalidation());
            return updated.after();
        }
        throw WriteFailures.toException(command.id(), result);
    }
}
