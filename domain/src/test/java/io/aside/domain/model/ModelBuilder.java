package io.aside.domain.model;

import java.time.Instant;
import java.util.Map;

/** A stored model, field by field. Start from {@link ModelFixtures#aModel()}. */
public final class ModelBuilder {
    private long id = 1;
    private String name;
    private String category = "category";
    private Map<String, String> attributes = Map.of("colour", "blue");
    private long version = 1;
    private Instant createdAt = ModelFixtures.CREATED;
    private Instant updatedAt;

    ModelBuilder() {}

    public ModelBuilder id(long id) {
        this.id = id;
        return this;
    }

    /** Unless named, a model is called "model {id}". */
    public ModelBuilder name(String name) {
        this.name = name;
        return this;
    }

    public ModelBuilder category(String category) {
        this.category = category;
        return this;
    }

    public ModelBuilder attributes(Map<String, String> attributes) {
        this.attributes = attributes;
        return this;
    }

    /** Name, category and attributes from a draft: the model a write of it would store. */
    public ModelBuilder content(ModelDraft draft) {
        return name(draft.name()).category(draft.category().value()).attributes(draft.attributes());
    }

    public ModelBuilder version(long version) {
        this.version = version;
        return this;
    }

    public ModelBuilder createdAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    /** Unless set, a model was updated a second after its creation per version past the first. */
    public ModelBuilder updatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
        return this;
    }

    /** Through {@link Model#restore}, the path storage and the cache rebuild models by. */
    public Model build() {
        return Model.restore(id, name == null ? "model " + id : name, category, attributes, version, createdAt,
                updatedAt == null ? createdAt.plusSeconds(version - 1) : updatedAt);
    }
}
