package io.aside.application;

import io.aside.domain.model.ModelId;

public final class ModelNotFoundException extends RuntimeException {
    private final transient ModelId id;

    public ModelNotFoundException(ModelId id) {
        super("model " + id + " does not exist");
        this.id = id;
    }

    public ModelId id() {
        return id;
    }
}
