package io.aside.domain.model;

import io.aside.domain.cache.ModelPage;
import java.time.Instant;
import java.util.Map;
import java.util.stream.LongStream;

/** Test data for every module's tests (shipped in domain's test-jar): models and drafts are made here, not in a copy per module. */
public final class ModelFixtures {
    public static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.123456Z");
    /** A hostile model's times: nanoseconds, finer than a database keeps, so only a store that is exact returns them. */
    public static final Instant HOSTILE_CREATED = Instant.parse("2024-02-29T23:59:59.123456789Z");
    public static final Instant HOSTILE_UPDATED = Instant.parse("2025-01-01T00:00:00.000001Z");

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

    /** A model that breaks naive encoders in every field: {@link HostileText} throughout, past version 1, exact to the nanosecond. */
    public static Model hostileModel(long id) {
        return aModel().id(id)
                .name(HostileText.SQL_INJECTION + " " + HostileText.QUOTES + " " + HostileText.EMOJI + " " + HostileText.SCRIPT)
                .category(HostileText.SEPARATORS)
                .attributes(HostileText.attributes())
                .version(7)
                .createdAt(HOSTILE_CREATED)
                .updatedAt(HOSTILE_UPDATED)
                .build();
    }

    /** {@code size} models of {@code category} with consecutive ids from {@code firstId}, as a category's first page lists them. */
    public static ModelPage page(String category, long firstId, int size) {
        return new ModelPage(LongStream.range(firstId, firstId + size).mapToObj(id -> model(id, category)).toList());
    }

    /** A model to shape field by field; what is not set is as {@link #model(long, String, long)} makes it. */
    public static ModelBuilder aModel() {
        return new ModelBuilder();
    }
}
