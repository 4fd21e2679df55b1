package io.aside.bootstrap.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import io.aside.bootstrap.e2e.Services;
import io.aside.testing.ApiClient;
import io.aside.testing.ApiDocument;
import io.aside.testing.HttpReply;
import io.aside.testing.RawHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input against the whole service — production wiring, MariaDB, Redis — over real sockets.
 * Every request in the table is wrong. Each must be refused with the expected 4xx as an RFC 9457
 * problem document (never a 5xx, never a stack trace), and after each one the {@code models} table,
 * read directly over JDBC, must be exactly as seeded: bad input changes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class HostileRequestsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A refusal of a documented route is one the document lists, with its schema: the contract covers the errors too. */
    private static final ApiDocument DOCUMENT = ApiDocument.load();
    private static final String JSON_TYPE = "Content-Type: application/json";
    private static final String VALID = "{\"name\":\"intruder\",\"category\":\"furniture\",\"attributes\":{}}";
    private static final int MAX_BODY_BYTES = 64 * 1024; // WebSettings.DEFAULT_MAX_REQUEST_BYTES
    private static final String MISSING_ID = Long.toString(Long.MAX_VALUE);

    private static AsideService service;
    private static ModelsTable table;
    private static ApiClient http;
    /** Version 1, never updated. */
    private static long lamp;
    /** Updated once: version 2, so version 1 is stale. Every PUT and DELETE below aims at it. */
    private static long chair;
    private static Map<Long, JsonNode> seededViews;
    private static ModelsTable.Snapshot seeded;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // the first test in a JVM provisions MariaDB and Redis
    static void seed() {
        AsideConfig config = Services.productionConfig();
        service = AsideService.start(config);
        table = new ModelsTable(config);
        http = new ApiClient(service.port(), ApiDocument.load());

        lamp = created("{\"name\":\"seed lamp\",\"category\":\"furniture\",\"attributes\":{\"colour\":\"red\"}}");
        chair = created("{\"name\":\"seed chair\",\"category\":\"furniture\",\"attributes\":{}}");
        long vase = created("{\"name\":\"seed vase\",\"category\":\"decor\",\"attributes\":{\"k\":\"v\"}}");
        HttpReply updated = http.put("/models/" + chair, "{\"name\":\"seed armchair\",\"category\":\"seating\",\"attributes\":{},\"version\":1}");
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);

        seededViews = new LinkedHashMap<>();
        for (long id : new long[] {lamp, chair, vase}) seededViews.put(id, http.get("/models/" + id).json());
        assertThat(seededViews.get(chair).get("version").asLong()).isEqualTo(2);
        seeded = table.snapshot();
        assertThat(seeded.rows()).hasSize(3);
    }

    @AfterAll
    static void stop() {
        if (table != null) table.close();
        if (service != null) service.close();
    }

    /** One hostile request, the status it must get and, for a validation error, the field it must blame. */
    record Case(String name, RawHttp.Request request, int status, String field) {
        @Override
        public String toString() {
            return name + " → " + status;
        }
    }

    @Order(1)
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostileRequests")
    void givenHostileRequest_thenExpected4xxProblemDocumentAndTableUnchanged(Case hostile) throws IOException {
        HttpReply response = RawHttp.send(service.port(), hostile.request());

        assertThat(response.status()).as("status of %s, answered %s", hostile.request(), response).isEqualTo(hostile.status());
        assertThat(response.header("Content-Type")).as("content type of %s", response).isNotNull()
                .satisfies(type -> assertThat(type.split(";")[0].trim()).isEqualTo("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.isObject()).as("problem document %s", response.text()).isTrue();
        assertThat(problem.path("type").isTextual()).as("type in %s", problem).isTrue();
        assertThat(problem.path("title").isTextual()).as("title in %s", problem).isTrue();
        assertThat(problem.path("detail").isTextual()).as("detail in %s", problem).isTrue();
        assertThat(problem.path("status").isInt()).as("status in %s", problem).isTrue();
        assertThat(problem.path("status").intValue()).isEqualTo(response.status());
        assertThat(response.text()).doesNotContain("Exception", "\tat ", "com.fasterxml", "io.javalin", "org.eclipse",
                "org.jooq", "com.mysql", "SQL", "[Source");
        if (hostile.field() != null) {
            List<String> fields = new ArrayList<>();
            problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
            assertThat(fields).as("fields blamed in %s", problem).contains(hostile.field());
        }
        assertThat(table.snapshot()).as("models table after %s", hostile.name()).isEqualTo(seeded);
        RawHttp.Request request = hostile.request();
        if (DOCUMENT.describes(request.method(), request.target())) DOCUMENT.check(request.method(), request.target(), response);
    }

    /** Nor did any refusal leave a wrong entry in Redis: the seeded models still read exactly as they were. */
    @Order(2)
    @Test
    void afterAllHostileRequests_thenSeededModelsReadAsBeforeAndTableUnchanged() {
        seededViews.forEach((id, view) -> {
            HttpReply read = http.get("/models/" + id);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json()).isEqualTo(view);
        });
        assertThat(http.list("furniture", 100).json().get("items")).extracting(item -> item.get("id").asLong()).containsExactly(lamp);
        assertThat(table.snapshot()).isEqualTo(seeded);
    }

    static Stream<Case> hostileRequests() {
        Route post = new Route("POST", "/models", List.of());
        Route put = new Route("PUT", "/models/" + chair, List.of("If-Match: \"2\"")); // the current version: only the body is wrong
        List<Case> cases = new ArrayList<>();
        cases.addAll(brokenBodies(post));
        cases.addAll(brokenBodies(put));
        cases.addAll(wrongFields(post));
        cases.addAll(wrongFields(put));
        cases.addAll(badVersions());
        cases.addAll(badIds());
        cases.addAll(missingModels());
        cases.addAll(badListQueries());
        cases.addAll(oddRequests());
        assertThat(cases.stream().map(Case::name).distinct().count()).as("case names are unique").isEqualTo(cases.size());
        return cases.stream();
    }

    /** A write route and the headers every request to it carries. */
    private record Route(String method, String target, List<String> headers) {
        Case send(String name, String contentType, byte[] body, int status, String field) {
            List<String> lines = new ArrayList<>(headers);
            if (contentType != null) lines.add("Content-Type: " + contentType);
            return new Case(method + " " + name, RawHttp.Request.of(method, target, lines, body), status, field);
        }

        Case json(String name, String body, int status, String field) {
            return send(name, "application/json", utf8(body), status, field);
        }
    }

    /** Bodies that are not one JSON object in UTF-8 of an acceptable size and type. */
    private static List<Case> brokenBodies(Route route) {
        List<Case> cases = new ArrayList<>();
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("truncated JSON", "{\"name\":");
        broken.put("lone brace", "{");
        broken.put("closing brace", "}");
        broken.put("truncated literal", "nul");
        broken.put("single quotes", "{'name':'x','category':'c'}");
        broken.put("unquoted keys", "{name:\"x\",category:\"c\"}");
        broken.put("trailing comma", "{\"name\":\"x\",\"category\":\"c\",}");
        broken.put("NaN", "{\"name\":\"x\",\"category\":\"c\",\"attributes\":{\"k\":NaN}}");
        broken.put("leading zero", "{\"name\":\"x\",\"category\":\"c\",\"version\":01}");
        broken.put("comment", "{\"name\":\"x\",/* hi */\"category\":\"c\"}");
        broken.put("two objects", VALID + " " + VALID);
        broken.put("trailing garbage", VALID + "x");
        broken.put("duplicate key", "{\"name\":\"a\",\"name\":\"b\",\"category\":\"c\"}");
        broken.put("byte order mark", "\uFEFF" + VALID);
        broken.put("nested 5000 deep", "{\"attributes\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
        broken.put("empty", "");
        broken.put("blank", " \r\n\t ");
        broken.put("array", "[]");
        broken.put("array of a model", "[" + VALID + "]");
        broken.put("string", "\"x\"");
        broken.put("null", "null");
        broken.put("number", "42");
        broken.put("boolean", "true");
        broken.forEach((name, body) -> cases.add(route.json("body " + name, body, 400, null)));

        Map<String, byte[]> notUtf8 = new LinkedHashMap<>();
        notUtf8.put("truncated 2-byte sequence", new byte[] {(byte) 0xC3, 0x28});
        notUtf8.put("overlong slash", new byte[] {(byte) 0xC0, (byte) 0xAF});
        notUtf8.put("encoded surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        notUtf8.put("byte FF", new byte[] {(byte) 0xFF});
        notUtf8.put("beyond U+10FFFF", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
        notUtf8.put("truncated emoji", new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0xA6});
        notUtf8.put("lone continuation byte", new byte[] {(byte) 0x80});
        notUtf8.forEach((name, bytes) -> cases.add(route.send("invalid UTF-8: " + name, "application/json",
                concat(utf8("{\"name\":\"x"), bytes, utf8("\",\"category\":\"c\"}")), 400, null)));
        cases.add(route.send("Latin-1 bytes labelled JSON", "application/json",
                "{\"name\":\"caf\u00e9\",\"category\":\"c\"}".getBytes(StandardCharsets.ISO_8859_1), 400, null));
        cases.add(route.send("UTF-16 bytes labelled JSON", "application/json", VALID.getBytes(StandardCharsets.UTF_16), 400, null));

        cases.add(route.send("1 MiB body", "application/json", bigBody(1 << 20), 413, null));
        cases.add(route.send("body one byte over the limit", "application/json", bigBody(MAX_BODY_BYTES + 1), 413, null));
        cases.add(route.send("body exactly at the limit, name too long", "application/json", bigBody(MAX_BODY_BYTES), 400, "name"));
        cases.add(new Case(route.method() + " 1 MiB body in chunks", RawHttp.Request.of(route.method(), route.target(),
                withHeaders(route, JSON_TYPE, "Transfer-Encoding: chunked"), bigBody(1 << 20)), 413, null));
        cases.add(new Case(route.method() + " Content-Length of 1 GiB", RawHttp.Request.of(route.method(), route.target(),
                withHeaders(route, JSON_TYPE, "Content-Length: 1073741824"), utf8(VALID)), 413, null));

        cases.add(route.send("text/plain", "text/plain", utf8(VALID), 415, null));
        cases.add(route.send("no content type", null, utf8(VALID), 415, null));
        cases.add(route.send("empty content type", "", utf8(VALID), 415, null));
        cases.add(route.send("form", "application/x-www-form-urlencoded", utf8("name=x&category=c"), 415, null));
        cases.add(route.send("multipart", "multipart/form-data; boundary=b", utf8("--b\r\n\r\n" + VALID + "\r\n--b--\r\n"), 415, null));
        cases.add(route.send("XML", "application/xml", utf8("<model><name>x</name><category>c</category></model>"), 415, null));
        cases.add(route.send("JSON patch", "application/json-patch+json", utf8("[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"x\"}]"), 415, null));
        cases.add(route.send("JSON in Latin-1", "application/json; charset=ISO-8859-1", utf8(VALID), 415, null));
        cases.add(route.send("JSON in UTF-16", "application/json; charset=UTF-16", VALID.getBytes(StandardCharsets.UTF_16), 415, null));
        cases.add(route.send("JSON-ish prefix", "application/jsonx", utf8(VALID), 415, null));
        return cases;
    }

    /** Well-formed JSON objects with wrong types, missing, oversize or unknown fields. */
    private static List<Case> wrongFields(Route route) {
        Map<String, String[]> fields = new LinkedHashMap<>(); // name -> {body, field blamed}
        fields.put("name a number", new String[] {"{\"name\":123,\"category\":\"c\"}", "name"});
        fields.put("name an object", new String[] {"{\"name\":{\"x\":\"y\"},\"category\":\"c\"}", "name"});
        fields.put("name an array", new String[] {"{\"name\":[\"x\"],\"category\":\"c\"}", "name"});
        fields.put("name a boolean", new String[] {"{\"name\":true,\"category\":\"c\"}", "name"});
        fields.put("category a number", new String[] {"{\"name\":\"x\",\"category\":7}", "category"});
        fields.put("category a float", new String[] {"{\"name\":\"x\",\"category\":1.5}", "category"});
        fields.put("attributes an array", new String[] {"{\"name\":\"x\",\"category\":\"c\",\"attributes\":[\"a\"]}", "attributes"});
        fields.put("attributes a string", new String[] {"{\"name\":\"x\",\"category\":\"c\",\"attributes\":\"a=b\"}", "attributes"});
        fields.put("attribute a number", new String[] {"{\"name\":\"x\",\"category\":\"c\",\"attributes\":{\"k\":1}}", "attributes.k"});
        fields.put("attribute null", new String[] {"{\"name\":\"x\",\"category\":\"c\",\"attributes\":{\"k\":null}}", "attributes.k"});
        fields.put("attribute an object", new String[] {"{\"name\":\"x\",\"category\":\"c\",\"attributes\":{\"k\":{\"deep\":\"v\"}}}", "attributes.k"});
        fields.put("no name", new String[] {"{\"category\":\"c\"}", "name"});
        fields.put("name null", new String[] {"{\"name\":null,\"category\":\"c\"}", "name"});
        fields.put("no category", new String[] {"{\"name\":\"x\"}", "category"});
        fields.put("empty object", new String[] {"{}", "name"});
        fields.put("empty name", new String[] {"{\"name\":\"\",\"category\":\"c\"}", "name"});
        fields.put("empty category", new String[] {"{\"name\":\"x\",\"category\":\"\"}", "category"});
        fields.put("name of 201 characters", new String[] {"{\"name\":\"" + "n".repeat(201) + "\",\"category\":\"c\"}", "name"});
        fields.put("name of 201 emoji", new String[] {"{\"name\":\"" + "🦄".repeat(201) + "\",\"category\":\"c\"}", "name"});
        fields.put("category of 101 characters", new String[] {"{\"name\":\"x\",\"category\":\"" + "c".repeat(101) + "\"}", "category"});
        fields.put("category of 101 emoji", new String[] {"{\"name\":\"x\",\"category\":\"" + "🦄".repeat(101) + "\"}", "category"});
        fields.put("33 attributes", new String[] {"{\"name\":\"x\",\"category\":\"c\",\"attributes\":" + attributes(33) + "}", "attributes"});
        fields.put("attribute key of 65 characters", new String[] {"{\"name\":\"x\",\"category\":\"c\",\"attributes\":{\"" + "k".repeat(65) + "\":\"v\"}}", "attributes"});
        fields.put("empty attribute key", new String[] {"{\"name\":\"x\",\"category\":\"c\",\"attributes\":{\"\":\"v\"}}", "attributes"});
        fields.put("attribute value of 1025 characters", new String[] {"{\"name\":\"x\",\"category\":\"c\",\"attributes\":{\"k\":\"" + "v".repeat(1025) + "\"}}", "attributes.k"});
        fields.put("NUL in name", new String[] {"{\"name\":\"a\\u0000b\",\"category\":\"c\"}", "name"});
        fields.put("NUL in category", new String[] {"{\"name\":\"x\",\"category\":\"a\\u0000b\"}", "category"});
        fields.put("bell in category", new String[] {"{\"name\":\"x\",\"category\":\"a\\u0007b\"}", "category"});
        fields.put("line break in name", new String[] {"{\"name\":\"a\\nb\",\"category\":\"c\"}", "name"});
        fields.put("lone surrogate in name", new String[] {"{\"name\":\"\\ud800\",\"category\":\"c\"}", "name"});
        fields.put("lone surrogate in attribute key", new String[] {"{\"name\":\"x\",\"category\":\"c\",\"attributes\":{\"\\udfff\":\"v\"}}", null});
        fields.put("unknown field", new String[] {"{\"name\":\"x\",\"category\":\"c\",\"colour\":\"red\"}", "colour"});
        fields.put("__proto__ field", new String[] {"{\"name\":\"x\",\"category\":\"c\",\"__proto__\":{}}", "__proto__"});
        List<Case> cases = new ArrayList<>();
        fields.forEach((name, body) -> cases.add(route.json(name, body[0], 400, body[1])));
        return cases;
    }

    /** Versions in the body and in If-Match: malformed, stale, missing, or disagreeing. The chair is at version 2. */
    private static List<Case> badVersions() {
        List<Case> cases = new ArrayList<>();
        String target = "/models/" + chair;
        String content = "\"name\":\"hijacked\",\"category\":\"furniture\"";
        for (String version : List.of("\"2\"", "2.5", "2.0", "0", "-1", "1e2", "99999999999999999999", "true", "[2]", "{}")) {
            cases.add(put("version " + version + " in the body", target, "{" + content + ",\"version\":" + version + "}", List.of(), 400, "version"));
        }
        for (String ifMatch : List.of("2", "W/\"2\"", "\"abc\"", "\"0\"", "\"-1\"", "\"1.5\"", "\"2\", \"3\"", "\"99999999999999999999\"", "\"\"", "\"2")) {
            cases.add(put("If-Match " + ifMatch, target, "{" + content + "}", List.of("If-Match: " + ifMatch), 400, "If-Match"));
            cases.add(new Case("DELETE If-Match " + ifMatch, RawHttp.Request.of("DELETE", target, List.of("If-Match: " + ifMatch), null), 400, "If-Match"));
        }
        cases.add(put("stale version 1 in the body", target, "{" + content + ",\"version\":1}", List.of(), 409, null));
        cases.add(put("future version 3 in the body", target, "{" + content + ",\"version\":3}", List.of(), 409, null));
        cases.add(put("stale If-Match 1", target, "{" + content + "}", List.of("If-Match: \"1\""), 412, null));
        cases.add(put("future If-Match 3", target, "{" + content + "}", List.of("If-Match: \"3\""), 412, null));
        cases.add(put("stale If-Match 1 agreeing with the body", target, "{" + content + ",\"version\":1}", List.of("If-Match: \"1\""), 412, null));
        cases.add(put("no version at all", target, "{" + content + "}", List.of(), 428, "version"));
        cases.add(put("version null", target, "{" + content + ",\"version\":null}", List.of(), 428, "version"));
        cases.add(put("If-Match * and no version", target, "{" + content + "}", List.of("If-Match: *"), 428, "version"));
        cases.add(put("body version 1 but If-Match 2", target, "{" + content + ",\"version\":1}", List.of("If-Match: \"2\""), 400, "version"));
        cases.add(put("body version 2 but If-Match 1", target, "{" + content + ",\"version\":2}", List.of("If-Match: \"1\""), 400, "version"));
        cases.add(put("body of another model", target, "{\"id\":" + lamp + "," + content + ",\"version\":2}", List.of(), 400, "id"));
        cases.add(put("id as a string", target, "{\"id\":\"" + chair + "\"," + content + ",\"version\":2}", List.of(), 400, "id"));
        cases.add(new Case("DELETE stale If-Match 1", RawHttp.Request.of("DELETE", target, List.of("If-Match: \"1\""), null), 412, null));
        cases.add(new Case("DELETE future If-Match 3", RawHttp.Request.of("DELETE", target, List.of("If-Match: \"3\""), null), 412, null));
        return cases;
    }

    /** Ids that are not a positive decimal long, on every route that takes one. */
    private static List<Case> badIds() {
        List<Case> cases = new ArrayList<>();
        List<String> ids = List.of("abc", "-1", "0", "1.5", "99999999999999999999", "00000000000000000001", "9223372036854775808",
                "%00", "1%00", "01", "+1", "1e3", "%201", "1%20", "0x1", "%F0%9F%A6%84", "1;drop", "%C3%28", "%ZZ", "%");
        for (String id : ids) {
            cases.add(new Case("GET id " + id, RawHttp.Request.of("GET", "/models/" + id, List.of(), null), 400, null));
            cases.add(put("id " + id, "/models/" + id, VALID, List.of("If-Match: \"2\""), 400, null));
            cases.add(new Case("DELETE id " + id, RawHttp.Request.of("DELETE", "/models/" + id, List.of(), null), 400, null));
        }
        return cases;
    }

    /** Well-formed ids nobody has: 404, and a PUT must not create the model. */
    private static List<Case> missingModels() {
        return List.of(
                new Case("GET an id nobody has", RawHttp.Request.of("GET", "/models/" + MISSING_ID, List.of(), null), 404, null),
                put("an id nobody has", "/models/" + MISSING_ID, VALID, List.of("If-Match: \"1\""), 404, null),
                put("an id nobody has, version in the body", "/models/" + MISSING_ID,
                        "{\"name\":\"x\",\"category\":\"c\",\"version\":1}", List.of(), 404, null),
                new Case("DELETE an id nobody has", RawHttp.Request.of("DELETE", "/models/" + MISSING_ID, List.of(), null), 404, null));
    }

    private static List<Case> badListQueries() {
        Map<String, String> queries = new LinkedHashMap<>(); // query -> field blamed
        queries.put("", "category");
        queries.put("?category=", "category");
        queries.put("?category", "category");
        queries.put("?limit=5", "category");
        queries.put("?Category=furniture", "category");
        queries.put("?category=" + "c".repeat(101), "category");
        queries.put("?category=%00", "category");
        queries.put("?category=furniture%00", "category");
        queries.put("?category=a%0Ab", "category");
        queries.put("?category=furniture&category=decor", "category");
        queries.put("?category=%C3%28", "category");
        queries.put("?category=%ED%A0%80", "category");
        queries.put("?category=%FF", "category");
        queries.put("?category=%ZZ", "category");
        queries.put("?category=%", "category");
        queries.put("?category=%C3", "category");
        for (String limit : List.of("0", "101", "abc", "-1", "1.5", "", "1e2", "%2010", "10%20", "+5", "0x10", "99999999999",
                "99999999999999999999", "%00", "%D9%A1%D9%A0", "20&limit=30")) {
            queries.put("?category=furniture&limit=" + limit, "limit");
        }
        List<Case> cases = new ArrayList<>();
        queries.forEach((query, field) -> cases.add(new Case("GET /models" + query,
                RawHttp.Request.of("GET", "/models" + query, List.of(), null), 400, field)));
        return cases;
    }

    /** Requests broken below the JSON: framing, headers, routing. Refused by Jetty or by the routes. */
    private static List<Case> oddRequests() {
        String chairPath = "/models/" + chair;
        byte[] valid = utf8(VALID);
        return List.of(
                new Case("no Host header", RawHttp.Request.of("GET", chairPath, List.of(), null).withoutHost(), 400, null),
                new Case("header over 8 KiB", RawHttp.Request.of("GET", chairPath, List.of("X-Big: " + "x".repeat(10_000)), null), 431, null),
                new Case("DELETE with a header over 8 KiB", RawHttp.Request.of("DELETE", chairPath, List.of("X-Big: " + "x".repeat(10_000)), null), 431, null),
                new Case("URI over 8 KiB", RawHttp.Request.of("GET", "/models?category=" + "x".repeat(10_000), List.of(), null), 414, null),
                new Case("PUT to a URI over 8 KiB", RawHttp.Request.of("PUT", chairPath + "?" + "x".repeat(10_000), List.of(JSON_TYPE), valid), 414, null),
                new Case("POST with Content-Length and chunked (smuggling)", RawHttp.Request.of("POST", "/models",
                        List.of(JSON_TYPE, "Content-Length: " + valid.length, "Transfer-Encoding: chunked"), valid), 400, null),
                new Case("POST with two different Content-Lengths", RawHttp.Request.of("POST", "/models",
                        List.of(JSON_TYPE, "Content-Length: " + valid.length, "Content-Length: 2"), valid), 400, null),
                new Case("POST with a 20-digit Content-Length", RawHttp.Request.of("POST", "/models",
                        List.of(JSON_TYPE, "Content-Length: 99999999999999999999"), valid), 400, null),
                new Case("POST with a negative Content-Length", RawHttp.Request.of("POST", "/models",
                        List.of(JSON_TYPE, "Content-Length: -1"), valid), 400, null),
                new Case("POST with text/plain then JSON content types", RawHttp.Request.of("POST", "/models",
                        List.of("Content-Type: text/plain", JSON_TYPE), valid), 415, null),
                new Case("POST with JSON then text/plain content types", RawHttp.Request.of("POST", "/models",
                        List.of(JSON_TYPE, "Content-Type: text/plain"), valid), 415, null),
                new Case("PUT with two JSON content types", RawHttp.Request.of("PUT", chairPath,
                        List.of(JSON_TYPE, JSON_TYPE, "If-Match: \"2\""), valid), 415, null),
                new Case("PUT with two If-Match lines, stale first", RawHttp.Request.of("PUT", chairPath,
                        List.of(JSON_TYPE, "If-Match: \"1\"", "If-Match: \"2\""), valid), 400, "If-Match"),
                new Case("PUT with two If-Match lines, current first", RawHttp.Request.of("PUT", chairPath,
                        List.of(JSON_TYPE, "If-Match: \"2\"", "If-Match: \"1\""), valid), 400, "If-Match"),
                new Case("DELETE with two If-Match lines, current first", RawHttp.Request.of("DELETE", chairPath,
                        List.of("If-Match: \"2\"", "If-Match: \"1\""), null), 400, "If-Match"),
                new Case("GET tunnelled as DELETE", RawHttp.Request.of("GET", chairPath, List.of("X-HTTP-Method-Override: DELETE"), null), 400, null),
                new Case("POST tunnelled as PUT", RawHttp.Request.of("POST", "/models", List.of(JSON_TYPE, "X-HTTP-Method-Override: PUT"), valid), 400, null),
                new Case("PATCH a model", RawHttp.Request.of("PATCH", chairPath, List.of(JSON_TYPE), valid), 405, null),
                new Case("POST to a model", RawHttp.Request.of("POST", chairPath, List.of(JSON_TYPE), valid), 405, null),
                new Case("DELETE the collection", RawHttp.Request.of("DELETE", "/models", List.of(), null), 405, null),
                new Case("PUT the collection", RawHttp.Request.of("PUT", "/models", List.of(JSON_TYPE), valid), 405, null),
                new Case("unknown nested path", RawHttp.Request.of("DELETE", chairPath + "/attributes", List.of(), null), 404, null),
                new Case("encoded slash in the id", RawHttp.Request.of("DELETE", "/models/" + chair + "%2F1", List.of(), null), 400, null),
                new Case("dot segments out of /models", RawHttp.Request.of("DELETE", "/models/%2e%2e/models/" + chair, List.of(), null), 404, null));
    }

    private static Case put(String name, String target, String body, List<String> headers, int status, String field) {
        List<String> lines = new ArrayList<>(headers);
        lines.add(JSON_TYPE);
        return new Case("PUT " + name, RawHttp.Request.of("PUT", target, lines, utf8(body)), status, field);
    }

    private static List<String> withHeaders(Route route, String... lines) {
        List<String> all = new ArrayList<>(route.headers());
        all.addAll(List.of(lines));
        return all;
    }

    /** A well-formed model body of exactly {@code bytes} bytes, its name far over 200 characters. */
    private static byte[] bigBody(int bytes) {
        String prefix = "{\"name\":\"";
        String suffix = "\",\"category\":\"c\"}";
        byte[] body = utf8(prefix + "x".repeat(bytes - prefix.length() - suffix.length()) + suffix);
        assertThat(body).hasSize(bytes);
        return body;
    }

    private static String attributes(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"k" + i + "\":\"v\"").collect(Collectors.joining(",", "{", "}"));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) length += part.length;
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long created(String body) {
        HttpReply reply = http.post("/models", body);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("id").asLong();
    }
}
