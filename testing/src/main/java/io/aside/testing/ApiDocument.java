package io.aside.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The service's OpenAPI document ({@code /openapi.json}, from the web adapter's resources) as a
 * {@link ApiClient.ReplyCheck}: every reply must be one the document describes for its route — its
 * status, its media type, the headers it lists, and a body valid against the response's JSON schema
 * (JSON Schema 2020-12, as OpenAPI 3.1 uses it). A change on either side that the other does not
 * follow fails the test that met it.
 */
public final class ApiDocument implements ApiClient.ReplyCheck {
    private static final String RESOURCE = "/io/aside/web/openapi.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode document;
    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    /** Each path template as the pattern of the paths it names ({@code {id}} one segment). */
    private final Map<String, Pattern> templates = new LinkedHashMap<>();

    private ApiDocument(JsonNode document) {
        this.document = document;
        document.path("paths").fieldNames().forEachRemaining(template ->
                templates.put(template, Pattern.compile(template.replaceAll("\\{[^/]+}", "[^/]+"))));
    }

    /** The document as the service on the classpath serves it. */
    public static ApiDocument load() {
        try (InputStream in = ApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is not on the classpath: the web adapter is needed");
            return new ApiDocument(MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the document describes {@code method} on {@code path}: a request it does not (an unknown
     * path or method) can only be refused, and the document says nothing of how.
     */
    public boolean describes(String method, String path) {
        return !operation(method, template(path.split("\\?", 2)[0])).isMissingNode();
    }

    @Override
    public void check(String method, String path, HttpReply reply) {
        String template = template(path.split("\\?", 2)[0]);
        String where = method + " " + path + " (" + template + ") answered " + reply.status();
        JsonNode operation = operation(method, template);
        if (operation.isMissingNode()) throw new AssertionError(where + ": the document has no " + method + " " + template);
        JsonNode response = resolve(operation.at("/responses/" + reply.status()));
        if (response.isMissingNode()) throw new AssertionError(where + ": the document lists no such status for it");
        for (Iterator<String> headers = response.path("headers").fieldNames(); headers.hasNext(); ) {
            String header = headers.next();
            if (reply.header(header) == null) throw new AssertionError(where + ": without the header " + header + " the document lists");
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || method.equals("HEAD")) return;
        String mediaType = String.valueOf(reply.header("Content-Type")).split(";", 2)[0].strip();
        JsonNode described = content.path(mediaType);
        if (described.isMissingNode()) throw new AssertionError(where + ": as " + mediaType + ", not as the document says: " + content.fieldNames().next());
        if (mediaType.endsWith("json") && described.has("schema")) {
            List<Error> errors = schema(described.get("schema")).validate(reply.text(), InputFormat.JSON);
            if (!errors.isEmpty()) throw new AssertionError(where + ": a body the document's schema refuses: " + errors + "\n" + reply.text());
        }
    }

    /** The document's path template that {@code path} matches, e.g. {@code /models/{id}}; the path itself when none does. */
    private String template(String path) {
        return templates.entrySet().stream().filter(template -> template.getValue().matcher(path).matches())
                .map(Map.Entry::getKey).findFirst().orElse(path);
    }

    private JsonNode operation(String method, String template) {
        return document.at("/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT));
    }

    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.get("$ref").asText().substring(1)) : node;
    }

    /** A response's schema, its references resolved within the document: the document itself is the schema's root. */
    private Schema schema(JsonNode schema) {
        return compiled.computeIfAbsent(schema.toString(), key -> {
            ObjectNode root = ((ObjectNode) document.deepCopy()).retain("components");
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.setAll((ObjectNode) schema);
            return schemas.getSchema(root.toString(), InputFormat.JSON);
        });
    }

    /** A path template as a JSON pointer token. */
    private static String escape(String template) {
        return template.replace("~", "~0").replace("/", "~1");
    }
}
