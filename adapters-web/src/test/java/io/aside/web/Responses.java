package io.aside.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aside.testing.RawHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Assertions on what the server answered. */
final class Responses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {}

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** A well-formed RFC 9457 document with this status, and nothing that looks like a stack trace. */
    static JsonNode assertProblem(HttpResponse<String> response, int status) {
        return assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body(), status);
    }

    static JsonNode assertProblem(RawHttp.Response response, int status) {
        return assertProblem(response.status(), response.header("content-type"), response.text(), status);
    }

    private static JsonNode assertProblem(int actualStatus, String contentType, String body, int status) {
        assertThat(actualStatus).as("status of %s", body).isEqualTo(status);
        assertThat(contentType).isEqualTo("application/problem+json");
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
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
