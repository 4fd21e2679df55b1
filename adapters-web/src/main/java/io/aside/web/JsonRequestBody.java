package io.aside.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;

/**
 * Reads a request body that must be one JSON object, refusing in this order: a content type other
 * than JSON (415), more bytes than the limit (413), bytes that are not UTF-8, text that is not JSON,
 * and JSON that is not an object (400). The tree it returns is checked field by field by
 * {@link ModelRequest}, so Jackson never coerces a number into a string or the reverse.
 */
final class JsonRequestBody {
    private final ObjectMapper mapper;
    private final int maxBytes;

    JsonRequestBody(ObjectMapper mapper, int maxBytes) {
        this.mapper = mapper;
        this.maxBytes = maxBytes;
    }

    ObjectNode readObject(Context ctx) {
        JsonContentType.require(Collections.list(ctx.req().getHeaders(Header.CONTENT_TYPE)));
        JsonNode node = parse(decodeUtf8(readLimited(ctx)));
        if (!node.isObject()) {
            throw new ProblemException(Problem.malformedBody("The body must be a JSON object, not " + describe(node)));
        }
        return (ObjectNode) node;
    }

    /** Reads at most one byte past the limit, so an oversized body costs us no more than the limit. */
    private byte[] readLimited(Context ctx) {
        if (ctx.req().getContentLengthLong() > maxBytes) throw tooLarge();
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) throw tooLarge();
            return bytes;
        } catch (IOException e) {
            throw new ProblemException(Problem.malformedBody("The body could not be read completely"));
        }
    }

    /** Strict decoding: malformed bytes are refused, never silently replaced with U+FFFD. */
    private static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(Problem.malformedBody("The body is not valid UTF-8"));
        }
    }

    private JsonNode parse(String text) {
        if (text.isBlank()) throw new ProblemException(Problem.malformedBody("The body is empty; a JSON object is required"));
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.malformedBody("The body is not valid JSON: " + JsonErrors.explain(e)));
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private ProblemException tooLarge() {
        return new ProblemException(Problem.ofStatus(413, "The body must be at most " + maxBytes + " bytes"));
    }
}
