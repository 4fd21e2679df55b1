package io.aside.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.function.Function;

/**
 * Writes response bodies as UTF-8 JSON bytes. Encoding here, rather than through a String, keeps
 * the bytes independent of whatever charset the servlet response would infer for a media type
 * (application/problem+json has none registered).
 */
final class JsonResponses {
    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    private final ObjectMapper mapper;
    private final RenderedBodies rendered = new RenderedBodies();

    JsonResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void send(Context ctx, int status, Object body) {
        send(ctx, status, JSON, body);
    }

    void send(Context ctx, int status, String contentType, Object body) {
        ctx.status(status).contentType(contentType).result(encode(body));
    }

    /** Sends the view of {@code source}, an immutable object, rendered once for as long as the object lives ({@link RenderedBodies}). */
    <T> void sendViewOf(Context ctx, int status, T source, Function<T, Object> view) {
        @SuppressWarnings("unchecked") // RenderedBodies hands back the very source it was given
        byte[] bytes = rendered.of(source, s -> encode(view.apply((T) s)));
        ctx.status(status).contentType(JSON).result(bytes);
    }

    private byte[] encode(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response body could not be encoded as JSON", e);
        }
    }
}
