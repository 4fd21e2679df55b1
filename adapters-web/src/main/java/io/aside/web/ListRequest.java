package io.aside.web;

import io.aside.application.ListModelsQuery;
import io.aside.domain.model.Category;
import io.aside.domain.model.FieldError;
import io.aside.domain.model.ValidationException;
import java.util.ArrayList;
import java.util.List;

/** Turns {@code ?category=C&limit=N} into a query, reporting a bad category and a bad limit together. */
final class ListRequest {
    private ListRequest() {}

    static ListModelsQuery toQuery(QueryParameters parameters) {
        List<FieldError> errors = new ArrayList<>();
        Category category = null;
        try {
            category = new Category(parameters.single("category").orElse(null));
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        int limit = ListModelsQuery.DEFAULT_LIMIT;
        try {
            limit = parameters.single("limit").map(ListRequest::limit).orElse(ListModelsQuery.DEFAULT_LIMIT);
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) throw new ValidationException(errors);
        return new ListModelsQuery(category, limit);
    }

    /** Digits only: "1.5", "-1", "1e2" and " 5" are refused rather than rounded or trimmed. */
    private static int limit(String text) {
        boolean digits = !text.isEmpty() && text.length() <= 9 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        int limit = digits ? Integer.parseInt(text) : 0;
        if (limit < 1 || limit > ListModelsQuery.MAX_LIMIT) {
            throw ValidationException.of("limit", "must be an integer between 1 and " + ListModelsQuery.MAX_LIMIT);
        }
        return limit;
    }
}
