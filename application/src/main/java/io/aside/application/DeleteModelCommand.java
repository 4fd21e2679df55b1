package io.aside.application;

import io.aside.domain.model.ModelId;
import io.aside.domain.model.ValidationException;
import java.util.Objects;
import java.util.OptionalLong;

/** Delete a model; when {@code expectedVersion} is given, only if it is still at that version. */
public record DeleteModelCommand(ModelId id, OptionalLong expectedVersion) {
    public DeleteModelCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() < 1) {
            throw ValidationException.of("version", "must be a positive integer");
        }
    }
}
