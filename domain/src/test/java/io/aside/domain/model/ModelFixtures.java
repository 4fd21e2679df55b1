package io.aside.domain.model;

import java.time.Instant;
import java.util.Map;

/** Test data for every module's tests (shipped in domain's test-jar). */
public final class ModelFixtures {
    public static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.123456Z");

    private ModelFixtures() {}

    public static ModelDraft draft(String name, String category) {
        return ModelDraft.of(name, category, Map.of("colour", "blue"));
    }

    public static Model model(long id, String category) {
        return model(id, category, 1);
    }

    public static Model model(long id, String category, long version) {
        return Model.restore(id, "model " + id, category, Map.of("colour", "blue"), version, CREATED, CREATED.plusSeconds(version - 1));
    }
}
