package io.aside.web;

import io.aside.domain.model.Model;
import io.aside.domain.model.ModelDraft;
import io.aside.domain.model.ModelId;
import java.time.Instant;
import java.util.Map;

/** Test data: models as the use cases would return them. */
final class Models {
    static final Instant CREATED = Instant.parse("2026-03-01T10:15:30.123456Z");
    static final Instant UPDATED = Instant.parse("2026-03-02T08:00:00Z");

    private Models() {}

    static Model lamp() {
        return Model.restore(1, "lamp", "furniture", Map.of("color", "red"), 3, CREATED, UPDATED);
    }

    static Model stored(long id, ModelDraft draft, long version) {
        return new Model(new ModelId(id), draft, version, CREATED, UPDATED);
    }

    static Model named(long id, String name, String category) {
        return Model.restore(id, name, category, Map.of(), 1, CREATED, CREATED);
    }
}
