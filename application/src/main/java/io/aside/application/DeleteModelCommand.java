package io.aside.application;

import io.aside.domain.model.ModelId;
import io.aside.domain.model.VersionPrecondition;
import java.util.Objects;

/** Delete a model, provided its stored version meets {@code precondition}. */
public record DeleteModelCommand(ModelId id, VersionPrecondition precondition) {
    public DeleteModelCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(precondition, "precondition");
    }
}
