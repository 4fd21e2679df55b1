package io.aside.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aside.domain.model.FieldError;
import io.aside.domain.model.ModelDraft;
import io.aside.domain.model.ModelId;
import io.aside.domain.model.ValidationException;
import io.aside.domain.model.VersionPrecondition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A create or update body, read from a JSON tree with every type checked by hand: a number is
 * never accepted as a string (nor the reverse), unknown fields are refused so typos do not pass
 * silently, and the read-only fields a client may echo back from a GET are ignored.
 * Shape errors and the domain's own rules ({@link ModelDraft#of}) are reported together.
 */
record ModelRequest(ModelDraft draft, VersionPrecondition precondition) {
    private static final Set<String> CONTENT = Set.of("name", "category", "attributes");
    /** Bookkeeping the server owns; a client copying a GET response into a request may send them. */
    private static final Set<String> READ_ONLY = Set.of("id", "version", "createdAt", "updatedAt");

    /** The version is server-assigned on create, so it is ignored like the other read-only fields. */
    static ModelRequest forCreate(ObjectNode body) {
        return new Reader(body).finish(VersionPrecondition.any());
    }

    /** A version here is the one the client expects to replace; an echoed id must be the one in the URL. */
    static ModelRequest forUpdate(ObjectNode body, ModelId id) {
        Reader reader = new Reader(body);
        reader.requireSameId(id);
        VersionPrecondition precondition = reader.precondition();
        return reader.finish(precondition);
    }

    private static final class Reader {
        private final ObjectNode body;
        private final List<FieldError> errors = new ArrayList<>();

        Reader(ObjectNode body) {
            this.body = body;
            for (Map.Entry<String, JsonNode> field : body.properties()) {
                String name = field.getKey();
                if (!CONTENT.contains(name) && !READ_ONLY.contains(name)) errors.add(new FieldError(name, "is not a known field"));
            }
        }

        /** Adds the domain's verdict on the well-typed fields, so one response lists every broken field. */
        ModelRequest finish(VersionPrecondition precondition) {
            String name = text("name");
            String category = text("category");
            Map<String, String> attributes = attributes();
            try {
                ModelDraft draft = ModelDraft.of(name, category, attributes);
                if (errors.isEmpty()) return new ModelRequest(draft, precondition);
            } catch (ValidationException domain) {
                domain.errors().stream().filter(error -> !alreadyReported(error.field())).forEach(errors::add);
            }
            throw new ValidationException(errors);
        }

        /** A field with a wrong type reaches the domain as absent; its "is required" would only repeat the error. */
        private boolean alreadyReported(String field) {
            return errors.stream().anyMatch(error -> error.field().equals(field));
        }

        void requireSameId(ModelId id) {
            JsonNode node = body.get("id");
            if (absent(node)) return;
            if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() != id.value()) {
                errors.add(new FieldError("id", "must be " + id + ", the id in the URL, or left out"));
            }
        }

        /** A body without a version requires none; a broken one is reported, and requires none meanwhile. */
        VersionPrecondition precondition() {
            JsonNode node = body.get("version");
            if (absent(node)) return VersionPrecondition.any();
            if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1) {
                errors.add(new FieldError("version", "must be a positive integer"));
                return VersionPrecondition.any();
            }
            return VersionPrecondition.exactly(node.longValue());
        }

        /** Absent or null: the domain then reports "is required". */
        private String text(String field) {
            JsonNode node = body.get(field);
            if (absent(node)) return null;
            if (!node.isTextual()) {
                errors.add(new FieldError(field, "must be a string"));
                return null;
            }
            return node.textValue();
        }

        /** Absent or null means no attributes. */
        private Map<String, String> attributes() {
            JsonNode node = body.get("attributes");
            if (absent(node)) return null;
            if (!node.isObject()) {
                errors.add(new FieldError("attributes", "must be an object of string values"));
                return null;
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (entry.getValue().isTextual()) {
                    attributes.put(entry.getKey(), entry.getValue().textValue());
                } else {
                    errors.add(new FieldError("attributes." + entry.getKey(), "must be a string"));
                }
            }
            return attributes;
        }

        private static boolean absent(JsonNode node) {
            return node == null || node.isNull();
        }
    }
}
