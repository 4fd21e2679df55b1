package io.aside.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aside.domain.model.Model;
import io.aside.persistence.generated.tables.records.ModelsRecord;
import java.util.Map;

/**
 * Maps rows of {@code models} to domain models, so that no jOOQ record or JSON tree crosses the port.
 * Attributes are stored as a JSON object of strings; times arrive as Instants ({@link UtcInstantBinding}).
 */
final class ModelRecordMapper {
    private ModelRecordMapper() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {};

    static Model toModel(ModelsRecord row) {
        return Model.restore(row.getId(), row.getName(), row.getCategory(), decodeAttributes(row.getId(), row.getAttributes()),
                row.getVersion(), row.getCreatedAt(), row.getUpdatedAt());
    }

    static String encodeAttributes(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always encodes as JSON", e);
        }
    }

    private static Map<String, String> decodeAttributes(long id, String json) {
        try {
            return JSON.readValue(json, ATTRIBUTES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attributes of model " + id + " are not a JSON object of strings", e);
        }
    }
}
