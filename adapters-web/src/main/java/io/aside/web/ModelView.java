package io.aside.web;

import io.aside.domain.model.Model;
import java.time.Instant;
import java.util.Map;

/** A model as the API shows it. Component order is the JSON field order. */
record ModelView(long id, String name, String category, Map<String, String> attributes, long version,
                 Instant createdAt, Instant updatedAt) {

    static ModelView of(Model model) {
        return new ModelView(model.id().value(), model.name(), model.category().value(), model.attributes(),
                model.version(), model.createdAt(), model.updatedAt());
    }
}
