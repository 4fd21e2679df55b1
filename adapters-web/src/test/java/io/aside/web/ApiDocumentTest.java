package io.aside.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aside.testing.HttpReply;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document against the routes: every route is described, and every described route exists. */
class ApiDocumentTest extends ApiTestBase {
    static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @Test
    void givenTheDocument_whenComparedWithTheRoutes_thenTheyNameTheSameMethodsAndPaths() throws IOException {
        Set<String> documented = new TreeSet<>();
        JsonNode paths = new ObjectMapper().readTree(WebResources.bytes(ApiDocumentRoutes.DOCUMENT)).get("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(field -> {
                if (OPERATIONS.contains(field)) documented.add(field.toUpperCase() + " " + path.getKey());
            });
        }

        assertThat(documented).isEqualTo(server.routes());
    }

    @Test
    void givenTheServer_whenTheDocumentIsAskedFor_thenItIsServedAsOpenApi31() throws IOException {
        HttpReply reply = http.get("/openapi.json");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        JsonNode document = reply.json();
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.at("/components/headers").fieldNames()).toIterable().contains("ETag", "X-Cache");
    }

    @Test
    void givenEveryProblemTypeTheServerKnows_whenTheDocumentListsThem_thenNoneIsMissing() throws IOException {
        JsonNode types = new ObjectMapper().readTree(WebResources.bytes(ApiDocumentRoutes.DOCUMENT)).at("/components/schemas/Problem/properties/type/enum");
        Set<String> documented = new TreeSet<>();
        types.forEach(type -> documented.add(type.asText()));

        assertThat(documented).isEqualTo(Problem.knownTypes());
    }

    @Test
    void givenThePageForPeople_whenAskedFor_thenHtmlThatLoadsNothingButTheDocument() {
        HttpReply reply = http.get("/api");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/html");
        assertThat(reply.text()).contains("fetch(\"/openapi.json\")").doesNotContain("src=\"http", "href=\"http");
    }
}
