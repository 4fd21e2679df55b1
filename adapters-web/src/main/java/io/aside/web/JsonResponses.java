package io.aside.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/**
 * Writes response bodies as UTF-8 JSON bytes. Encoding here, rather than through a String, keeps
 * the bytes independent of whatever charset the servlet response would infer for a media type
 * (application/problem+json has none registered).
 */
final class JsonResponses {
    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    private final ObjectMapper mapper;

    JsonResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void send(Context ctx, int status, Object body) {
        send(ctx, status, JSON, body);
    }

    void send(Context ctx, int status, String contentType, Object body) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response body could not be encoded as JSON", e);
        }
        ctx.status(status).contentType(contentType).result(bytes);
    }
}
