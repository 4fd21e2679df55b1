package io.aside.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aside.bootstrap.e2e.ModelJson;
import io.aside.testing.ApiClient;
import io.aside.testing.HttpReply;

/** The few requests fault tests repeat, each checked for success, and the assertions on their answers. */
final class Requests {
    private Requests() {}

    static JsonNode create(ApiClient http, String name, String category) {
        HttpReply created = http.post("/models", ModelJson.model(name, category));
        assertThat(created.status()).as("POST /models").isEqualTo(201);
        return created.json();
    }

    /** Reads a model twice so that the second answer comes from the cache. */
    static JsonNode createCached(ApiClient http, String name, String category) {
        JsonNode model = create(http, name, category);
        http.get(path(model));
        HttpReply cached = http.get(path(model));
        assertThat(cached.header("X-Cache")).as("second GET of " + path(model)).isEqualTo("HIT");
        return model;
    }

    static String path(JsonNode model) {
        return "/models/" + model.get("id").asLong();
    }

    static String updateBody(String name, String category, long version) {
        return "{\"name\":" + ModelJson.quote(name) + ",\"category\":" + ModelJson.quote(category)
                + ",\"attributes\":{\"k\":\"v\"},\"version\":" + version + "}";
    }

    static void assertModel(HttpReply reply, JsonNode expected, String xCache) {
        assertThat(reply.status()).as("status of GET /models/" + expected.get("id")).isEqualTo(200);
        assertThat(reply.header("X-Cache")).isEqualTo(xCache);
        assertThat(reply.json()).isEqualTo(expected);
    }

    static void assertHealth(ApiClient http, int status, String overall, String db, String cache) {
        HttpReply health = http.get("/health");
        assertThat(health.status()).as("/health status code").isEqualTo(status);
        assertThat(health.json().get("status").asText()).as("/health status").isEqualTo(overall);
        assertThat(health.json().at("/components/db/status").asText()).as("db component").isEqualTo(db);
        assertThat(health.json().at("/components/cache/status").asText()).as("cache component").isEqualTo(cache);
    }

    static void assertUnavailableProblem(HttpReply reply) {
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.header("Retry-After")).isNotBlank();
        assertThat(reply.json().get("status").asInt()).isEqualTo(503);
        assertThat(reply.json().get("type").asText()).isNotBlank();
        assertThat(reply.text()).doesNotContain("Exception", "at io.aside");
    }
}
