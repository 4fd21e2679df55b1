package io.aside.domain.model;

import java.time.Instant;
import java.util.Map;

/** Test data for every module's tests (shipped in domain's test-jar): models and drafts are made here, not in a copy per module. */
public final class ModelFixtures {
    public static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.123456Z");

    private ModelFixtures() {}

    public static ModelDraft draft(String name, String category) {
        return draft(name, category, Map.of("colour", "blue"));
    }

    public static ModelDraft draft(String name, String category, Map<String, String> attributes) {
        return ModelDraft.of(name, category, attributes);
    }

    public static Model model(long id, String category) {
        return model(id, category, 1);
    }

    public static Model model(long id, String category, long version) {
        return aModel().id(id).category(category).version(version).build();
    }

    /** A model to shape field by field; what is not set is as {@link #model(long, String, long)} makes it. */
    public static ModelBuilder aModel() {
        return new ModelBuilder();
    }
}
