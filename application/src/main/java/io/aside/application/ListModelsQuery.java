package io.aside.application;

import io.aside.domain.model.Category;
import io.aside.domain.model.ValidationException;
import java.util.Objects;

/** The first {@code limit} models of a category, by id. */
public record ListModelsQuery(Category category, int limit) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public ListModelsQuery {
        Objects.requireNonNull(category, "category");
        if (limit < 1 || limit > MAX_LIMIT) throw ValidationException.of("limit", "must be between 1 and " + MAX_LIMIT);
    }
}
