package io.aside.application;

import io.aside.domain.port.ModelRepository;
import io.aside.domain.port.WriteResult;

/** Deletes a model; invalidates its key and its category's pages after commit. */
public final class DeleteModel {
    private final ModelRepository repository;
    private final Invalidator invalidator;

    public DeleteModel(ModelRepository repository, Invalidator invalidator) {
        this.repository = repository;
        this.invalidator = invalidator;
    }

    public void delete(DeleteModelCommand command) {
        WriteResult result = invalidator.write(() -> repository.delete(command.id(), command.precondition()));
        if (result instanceof WriteResult.Deleted deleted) {
            invalidator.afterCommit(deleted.invalidation());
            return;
        }
        throw WriteFailures.toException(command.id(), result);
    }
}
