package io.aside.web;

import static io.aside.web.Responses.assertProblem;
import static io.aside.web.Responses.errorFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import com.fasterxml.jackson.databind.JsonNode;
import io.aside.testing.HttpReply;
import io.aside.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every request here is wrong. Each must be refused with the expected 4xx as a problem document,
 * and none may reach a use case: nothing is read, written or invalidated on behalf of bad input.
 */
class HostileRequestsTest extends ApiTestBase {
    private static final String VALID = "{\"name\":\"lamp\",\"category\":\"furniture\"}";

    /** One hostile request, the status it must get and, for validation errors, the field to blame. */
    record Hostile(String description, String method, String path, String contentType, byte[] body,
                   Map<String, String> headers, int status, String field) {
        @Override
        public String toString() {
            return description + " → " + status;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void givenHostileRequest_thenRefusedWithProblemAndNoUseCaseCalled(Hostile hostile) {
        // Over a raw socket: HttpClient gives up ("broken pipe") when the server refuses a large body
        // early with 413 and closes, instead of reading the answer it was sent.
        List<String> headers = new ArrayList<>();
        if (hostile.contentType() != null) headers.add("Content-Type: " + hostile.contentType());
        hostile.headers().forEach((name, value) -> headers.add(name + ": " + value));
        HttpReply response = RawHttp.send(server.port(), RawHttp.Request.of(hostile.method(), hostile.path(), headers, hostile.body()));

        JsonNode problem = assertProblem(response, hostile.status());

        if (hostile.field() != null) assertThat(errorFields(problem)).contains(hostile.field());
        verifyNoInteractions(getModel, listModels, createModel, updateModel, deleteModel);
    }

    /** Targets java.net.URI refuses to build, so they go over a raw socket. */
    @ParameterizedTest
    @ValueSource(strings = {"/models?category=%ZZ", "/models?category=%", "/models?category=%C3", "/models?%ZZ=1",
            "/models/%ZZ", "/models/%", "/models/1%"})
    void givenMalformedPercentEncoding_thenRefusedWithProblemAndNoUseCaseCalled(String target) throws Exception {
        HttpReply response = RawHttp.send(server.port(), "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("content-type")).isEqualTo("application/problem+json");
        assertThat(response.text()).contains("\"status\":400");
        verifyNoInteractions(getModel, listModels, createModel, updateModel, deleteModel);
    }

    /** Refused by Jetty before any route runs; the answer must still be a problem document. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedByJetty")
    void givenRequestJettyRefusesItself_thenStillAProblemDocument(String description, String request, int status) throws Exception {
        HttpReply response = RawHttp.send(server.port(), request);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("content-type")).isEqualTo("application/problem+json");
        assertThat(response.text()).contains("\"status\":" + status).doesNotContain("<html", "Exception");
    }

    /** A header given on two lines must not be read as its first line alone: the order of the lines would decide. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("repeatedHeaders")
    void givenHeaderRepeatedOnTwoLines_thenRefusedWithProblemAndNoUseCaseCalled(String description, String request, int status) throws Exception {
        HttpReply response = RawHttp.send(server.port(), request);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("content-type")).isEqualTo("application/problem+json");
        assertThat(response.text()).contains("\"status\":" + status);
        verifyNoInteractions(getModel, listModels, createModel, updateModel, deleteModel);
    }

    static Stream<Arguments> repeatedHeaders() {
        String json = "Content-Type: application/json\r\n";
        String body = "Content-Length: " + VALID.length() + "\r\nConnection: close\r\n\r\n" + VALID;
        return Stream.of(
                Arguments.of("POST with JSON then text/plain content types", "POST /models HTTP/1.1\r\nHost: l\r\n" + json
                        + "Content-Type: text/plain\r\n" + body, 415),
                Arguments.of("PUT with the same content type twice", "PUT /models/1 HTTP/1.1\r\nHost: l\r\n" + json + json
                        + "If-Match: \"1\"\r\n" + body, 415),
                Arguments.of("PUT with If-Match on two lines", "PUT /models/1 HTTP/1.1\r\nHost: l\r\n" + json
                        + "If-Match: \"1\"\r\nIf-Match: \"2\"\r\n" + body, 400),
                Arguments.of("DELETE with If-Match on two lines", "DELETE /models/1 HTTP/1.1\r\nHost: l\r\n"
                        + "If-Match: \"1\"\r\nIf-Match: \"2\"\r\nConnection: close\r\n\r\n", 400));
    }

    static Stream<Arguments> refusedByJetty() {
        String close = "Connection: close\r\n\r\n";
        return Stream.of(
                Arguments.of("header over 8 KiB", "GET /models/1 HTTP/1.1\r\nHost: l\r\nX-Big: " + "x".repeat(10_000) + "\r\n" + close, 431),
                Arguments.of("URI over 8 KiB", "GET /models?category=" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: l\r\n" + close, 414),
                Arguments.of("no Host header", "GET /models/1 HTTP/1.1\r\n" + close, 400),
                Arguments.of("NUL in the path", "GET /models/%00 HTTP/1.1\r\nHost: l\r\n" + close, 400),
                // Jetty's own error page is written for GET, POST and HEAD only; PUT and DELETE need it too
                Arguments.of("PUT to a path that is not UTF-8", "PUT /models/%C3%28 HTTP/1.1\r\nHost: l\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 2\r\n" + close + "{}", 400),
                Arguments.of("DELETE to a path that is not UTF-8", "DELETE /models/%C3%28 HTTP/1.1\r\nHost: l\r\n" + close, 400),
                Arguments.of("DELETE with a header over 8 KiB", "DELETE /models/1 HTTP/1.1\r\nHost: l\r\nX-Big: " + "x".repeat(10_000) + "\r\n" + close, 431),
                Arguments.of("request smuggling: chunked and Content-Length", "POST /models HTTP/1.1\r\nHost: l\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n" + close + "0\r\n\r\n", 400));
    }

    static Stream<Hostile> hostileRequests() {
        List<Hostile> cases = new ArrayList<>();
        cases.addAll(brokenBodies("POST", "/models"));
        cases.addAll(brokenBodies("PUT", "/models/1"));
        cases.addAll(wrongFields());
        cases.addAll(badIds());
        cases.addAll(badVersions());
        cases.addAll(badListQueries());
        cases.addAll(wrongRoutes());
        return cases.stream();
    }

    /** Bodies no JSON object reader should accept, on both write routes. */
    private static List<Hostile> brokenBodies(String method, String path) {
        List<Hostile> cases = new ArrayList<>();
        Map<String, String> versioned = method.equals("PUT") ? Map.of("If-Match", "\"1\"") : Map.of();
        for (String broken : List.of("{\"name\":", "{", "}", "nul", "{'name':'x'}", "{\"name\":\"x\",}", "{\"a\":NaN}",
                "{\"a\":01}", "{} {}", "{}x", "[]", "\"x\"", "null", "42", "true", "", "   ",
                "{\"name\":\"a\",\"name\":\"b\",\"category\":\"c\"}", "\uFEFF" + VALID, "[".repeat(100) + "]".repeat(100))) {
            cases.add(new Hostile(method + " body " + abbreviate(broken), method, path, "application/json", utf8(broken), versioned, 400, null));
        }
        byte[][] notUtf8 = {
                {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, // truncated 2-byte sequence
                {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},  // overlong '/'
                {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, // UTF-8 encoded surrogate
                {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xFF, '"', '}'},
        };
        for (byte[] bytes : notUtf8) {
            cases.add(new Hostile(method + " invalid UTF-8 " + bytes[9], method, path, "application/json", bytes, versioned, 400, null));
        }
        byte[] huge = utf8("{\"name\":\"" + "x".repeat(1 << 20) + "\",\"category\":\"c\"}");
        cases.add(new Hostile(method + " 1 MiB body", method, path, "application/json", huge, versioned, 413, null));
        cases.add(new Hostile(method + " text/plain", method, path, "text/plain", utf8(VALID), versioned, 415, null));
        cases.add(new Hostile(method + " no content type", method, path, null, utf8(VALID), versioned, 415, null));
        cases.add(new Hostile(method + " form", method, path, "application/x-www-form-urlencoded", utf8("name=x"), versioned, 415, null));
        cases.add(new Hostile(method + " JSON in Latin-1", method, path, "application/json; charset=ISO-8859-1", utf8(VALID), versioned, 415, null));
        cases.add(new Hostile(method + " JSON patch", method, path, "application/json-patch+json", utf8(VALID), versioned, 415, null));
        return cases;
    }

    /** Well-formed JSON objects with the wrong fields, types or sizes. */
    private static List<Hostile> wrongFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("{\"name\":123,\"category\":\"c\"}", "name");
        fields.put("{\"name\":{\"x\":\"y\"},\"category\":\"c\"}", "name");
        fields.put("{\"name\":[\"x\"],\"category\":\"c\"}", "name");
        fields.put("{\"name\":true,\"category\":\"c\"}", "name");
        fields.put("{\"name\":\"x\",\"category\":7}", "category");
        fields.put("{\"name\":\"x\",\"category\":\"c\",\"attributes\":[\"a\"]}", "attributes");
        fields.put("{\"name\":\"x\",\"category\":\"c\",\"attributes\":\"a=b\"}", "attributes");
        fields.put("{\"name\":\"x\",\"category\":\"c\",\"attributes\":{\"k\":1}}", "attributes.k");
        fields.put("{\"name\":\"x\",\"category\":\"c\",\"attributes\":{\"k\":null}}", "attributes.k");
        fields.put("{\"name\":\"x\",\"category\":\"c\",\"attributes\":{\"k\":{\"deep\":\"v\"}}}", "attributes.k");
        fields.put("{\"category\":\"c\"}", "name");
        fields.put("{\"name\":null,\"category\":\"c\"}", "name");
        fields.put("{\"name\":\"x\"}", "category");
        fields.put("{}", "name");
        fields.put("{\"name\":\"\",\"category\":\"c\"}", "name");
        fields.put("{\"name\":\"" + "n".repeat(201) + "\",\"category\":\"c\"}", "name");
        fields.put("{\"name\":\"x\",\"category\":\"" + "c".repeat(101) + "\"}", "category");
        fields.put("{\"name\":\"x\",\"category\":\"c\",\"attributes\":" + attributes(33) + "}", "attributes");
        fields.put("{\"name\":\"x\",\"category\":\"c\",\"attributes\":{\"" + "k".repeat(65) + "\":\"v\"}}", "attributes");
        fields.put("{\"name\":\"x\",\"category\":\"c\",\"attributes\":{\"k\":\"" + "v".repeat(1025) + "\"}}", "attributes.k");
        fields.put("{\"name\":\"a\\u0000b\",\"category\":\"c\"}", "name");
        fields.put("{\"name\":\"\\ud800\",\"category\":\"c\"}", "name");
        fields.put("{\"name\":\"x\",\"category\":\"c\",\"colour\":\"red\"}", "colour");
        fields.put("{\"name\":\"x\",\"category\":\"c\",\"__proto__\":{}}", "__proto__");
        List<Hostile> cases = new ArrayList<>();
        fields.forEach((body, field) -> {
            cases.add(new Hostile("POST " + abbreviate(body), "POST", "/models", "application/json", utf8(body), Map.of(), 400, field));
            cases.add(new Hostile("PUT " + abbreviate(body), "PUT", "/models/1", "application/json", utf8(body), Map.of("If-Match", "\"1\""), 400, field));
        });
        return cases;
    }

    /** Ids that are not a positive decimal long, on every route that takes one. */
    private static List<Hostile> badIds() {
        List<Hostile> cases = new ArrayList<>();
        for (String id : List.of("abc", "-1", "0", "1.5", "99999999999999999999", "9223372036854775808", "%00", "01", "+1", "1e3", "%201", "0x1", "%F0%9F%A6%84")) {
            cases.add(new Hostile("GET id " + id, "GET", "/models/" + id, null, null, Map.of(), 400, null));
            cases.add(new Hostile("PUT id " + id, "PUT", "/models/" + id, "application/json", utf8(VALID), Map.of("If-Match", "\"1\""), 400, null));
            cases.add(new Hostile("DELETE id " + id, "DELETE", "/models/" + id, null, null, Map.of(), 400, null));
        }
        return cases;
    }

    /** Versions in the body and in If-Match that are not positive integers, or that disagree. */
    private static List<Hostile> badVersions() {
        List<Hostile> cases = new ArrayList<>();
        for (String version : List.of("\"3\"", "3.5", "3.0", "0", "-1", "1e2", "99999999999999999999", "true", "[3]", "{}")) {
            String body = "{\"name\":\"x\",\"category\":\"c\",\"version\":" + version + "}";
            cases.add(new Hostile("PUT version " + version, "PUT", "/models/1", "application/json", utf8(body), Map.of(), 400, "version"));
        }
        for (String ifMatch : List.of("3", "W/\"3\"", "\"abc\"", "\"0\"", "\"-1\"", "\"1\", \"2\"", "\"99999999999999999999\"", "\"\"")) {
            cases.add(new Hostile("PUT If-Match " + ifMatch, "PUT", "/models/1", "application/json", utf8(VALID), Map.of("If-Match", ifMatch), 400, "If-Match"));
            cases.add(new Hostile("DELETE If-Match " + ifMatch, "DELETE", "/models/1", null, null, Map.of("If-Match", ifMatch), 400, "If-Match"));
        }
        String v2 = "{\"name\":\"x\",\"category\":\"c\",\"version\":2}";
        cases.add(new Hostile("PUT body version disagrees with If-Match", "PUT", "/models/1", "application/json", utf8(v2), Map.of("If-Match", "\"3\""), 400, "version"));
        cases.add(new Hostile("PUT without any version", "PUT", "/models/1", "application/json", utf8(VALID), Map.of(), 428, "version"));
        String otherId = "{\"id\":2,\"name\":\"x\",\"category\":\"c\",\"version\":1}";
        cases.add(new Hostile("PUT body of another model", "PUT", "/models/1", "application/json", utf8(otherId), Map.of(), 400, "id"));
        return cases;
    }

    private static List<Hostile> badListQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("", "category");
        queries.put("?category=", "category");
        queries.put("?category", "category");
        queries.put("?limit=5", "category");
        queries.put("?category=" + "c".repeat(101), "category");
        queries.put("?category=a%00b", "category");
        queries.put("?category=a&category=b", "category");
        queries.put("?category=%C3%28", "category");
        queries.put("?category=%ED%A0%80", "category");
        for (String limit : List.of("0", "101", "abc", "-1", "1.5", "", "1e2", "%2010", "99999999999", "20&limit=30")) {
            queries.put("?category=c&limit=" + limit, "limit");
        }
        List<Hostile> cases = new ArrayList<>();
        queries.forEach((query, field) -> cases.add(new Hostile("GET /models" + query, "GET", "/models" + query, null, null, Map.of(), 400, field)));
        return cases;
    }

    private static List<Hostile> wrongRoutes() {
        return List.of(
                new Hostile("unknown path", "GET", "/admin", null, null, Map.of(), 404, null),
                new Hostile("unknown nested path", "GET", "/models/1/secrets", null, null, Map.of(), 404, null),
                new Hostile("PATCH a model", "PATCH", "/models/1", "application/json", utf8(VALID), Map.of(), 405, null),
                new Hostile("POST to a model", "POST", "/models/1", "application/json", utf8(VALID), Map.of(), 405, null),
                new Hostile("DELETE the collection", "DELETE", "/models", null, null, Map.of(), 405, null),
                new Hostile("PUT the collection", "PUT", "/models", "application/json", utf8(VALID), Map.of(), 405, null),
                new Hostile("GET tunnelled as DELETE", "GET", "/models/1", null, null, Map.of("X-HTTP-Method-Override", "DELETE"), 400, null),
                new Hostile("POST tunnelled as PUT", "POST", "/models", "application/json", utf8(VALID), Map.of("X-HTTP-Method-Override", "PUT"), 400, null));
    }

    private static String attributes(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"k" + i + "\":\"v\"").collect(Collectors.joining(",", "{", "}"));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
