package io.aside.domain.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a client may set on a model: its name, category and attributes. Input is checked against
 * every bound at once ({@link #of}), so that one response can list every broken field; content read
 * back from our own storage was checked when it was written, and is restored as it is.
 */
public final class ModelDraft {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_ATTRIBUTES = 32;
    public static final int MAX_ATTRIBUTE_KEY_LENGTH = 64;
    public static final int MAX_ATTRIBUTE_VALUE_LENGTH = 1024;

    private final String name;
    private final Category category;
    private final Map<String, String> attributes;

    private ModelDraft(String name, Category category, Map<String, String> attributes) {
        this.name = Objects.requireNonNull(name, "name");
        this.category = Objects.requireNonNull(category, "category");
        this.attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** Validates input, reporting all broken fields together. Absent attributes mean none. */
    public static ModelDraft of(String name, String category, Map<String, String> attributes) {
        Map<String, String> attrs = attributes == null ? Map.of() : attributes;
        List<FieldError> errors = problems(name, category, attrs);
        if (!errors.isEmpty()) throw new ValidationException(errors);
        return new ModelDraft(name, new Category(category), attrs);
    }

    /** Content read back from storage, which only ever held validated drafts: not checked again. */
    static ModelDraft restore(String name, Category category, Map<String, String> attributes) {
        return new ModelDraft(name, category, attributes);
    }

    public String name() {
        return name;
    }

    public Category category() {
        return category;
    }

    /** Sorted by key. */
    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelDraft that && name.equals(that.name) && category.equals(that.category)
                && attributes.equals(that.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, category, attributes);
    }

    @Override
    public String toString() {
        return "ModelDraft[name=" + name + ", category=" + category + ", attributes=" + attributes + "]";
    }

    private static List<FieldError> problems(String name, String category, Map<String, String> attributes) {
        List<FieldError> errors = new ArrayList<>();
        addIfPresent(errors, "name", Text.problem(name, 1, MAX_NAME_LENGTH, false));
        addIfPresent(errors, "category", Text.problem(category, 1, Category.MAX_LENGTH, false));
        if (attributes == null) {
            errors.add(new FieldError("attributes", "is required"));
        } else if (attributes.size() > MAX_ATTRIBUTES) {
            errors.add(new FieldError("attributes", "must have at most " + MAX_ATTRIBUTES + " entries"));
        } else {
            for (Map.Entry<String, String> e : new TreeMap<>(attributes).entrySet()) {
                String field = "attributes." + e.getKey();
                addIfPresent(errors, "attributes", keyProblem(e.getKey()));
                addIfPresent(errors, field, Text.problem(e.getValue(), 0, MAX_ATTRIBUTE_VALUE_LENGTH, true));
            }
        }
        return errors;
    }

    private static String keyProblem(String key) {
        String problem = Text.problem(key, 1, MAX_ATTRIBUTE_KEY_LENGTH, false);
        return problem == null ? null : "key '" + key + "' " + problem;
    }

    private static void addIfPresent(List<FieldError> errors, String field, String problem) {
        if (problem != null) errors.add(new FieldError(field, problem));
    }
}
