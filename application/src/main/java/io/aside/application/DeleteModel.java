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
        WriteResult result = invalidator.write(() -> repository.delete(command.id(), command.expectedVersion()));
        if (result instanceof WriteResult.Changed changed) {
            invalidator.afterCommit(changed.invalidation());
            return;
        }
        throw WriteFailures.toException(command.id(), command.expectedVersion().orElse(0), result);
    }
}
