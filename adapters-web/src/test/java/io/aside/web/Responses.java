package io.aside.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aside.testing.HttpReply;
import java.util.ArrayList;
import java.util.List;

/** Assertions on what the server answered. */
final class Responses {
    private Responses() {}

    /** A well-formed RFC 9457 document with this status, and nothing that looks like a stack trace. */
    static JsonNode assertProblem(HttpReply response, int status) {
        String body = response.text();
        assertThat(response.status()).as("status of %s", body).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").isTextual()).isTrue();
        assertThat(problem.path("title").isTextual()).isTrue();
        assertThat(problem.path("detail").isTextual()).isTrue();
        assertThat(body).doesNotContain("Exception", "\tat ", "com.fasterxml", "io.javalin", "org.eclipse", "[Source", "Feature");
        return problem;
    }

    static List<String> errorFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }
}
