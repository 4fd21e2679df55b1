package io.aside.application;

import io.aside.domain.model.ModelDraft;
import io.aside.domain.model.ModelId;
import io.aside.domain.model.ValidationException;
import java.util.Objects;

/** Replace a model's content, provided it is still at {@code expectedVersion}. */
public record UpdateModelCommand(ModelId id, long expectedVersion, ModelDraft draft) {
    public UpdateModelCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(draft, "draft");
        if (expectedVersion < 1) throw ValidationException.of("version", "must be a positive integer");
    }
}
