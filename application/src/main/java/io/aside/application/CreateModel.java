package io.aside.application;

import io.aside.domain.model.Model;
import io.aside.domain.model.ModelDraft;
import io.aside.domain.port.Created;
import io.aside.domain.port.ModelRepository;

/** Stores a new model, then retires its category's pages and any tombstone left under its new id. */
public final class CreateModel {
    private final ModelRepository repository;
    private final Invalidator invalidator;

    public CreateModel(ModelRepository repository, Invalidator invalidator) {
        this.repository = repository;
        this.invalidator = invalidator;
    }

    public Model create(ModelDraft draft) {
        Created created = invalidator.write(() -> repository.insert(draft));
        invalidator.afterCommit(created.invalidation());
        return created.model();
    }
}
