package io.aside.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client tests call a running service's API with: well-formed requests over java.net.http,
 * answered as {@link HttpReply}. What HttpClient refuses to send (invalid UTF-8, repeated headers,
 * no Host…) goes through {@link RawHttp}. Thread-safe: one client serves a whole herd of readers.
 */
public final class ApiClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    // HTTP/1.1 as a real client speaks to the service: the default would offer every request an h2c upgrade.
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    private final String base;
    private final ReplyCheck check;

    /** What every reply is held to, besides what the test asserts itself. */
    @FunctionalInterface
    public interface ReplyCheck {
        ReplyCheck NONE = (method, path, reply) -> {};

        /** Throws an AssertionError when {@code reply} to {@code method path} breaks the rule. */
        void check(String method, String path, HttpReply reply);
    }

    public ApiClient(int port) {
        this(port, ReplyCheck.NONE);
    }

    /** A client that holds every reply to {@code check}: e.g. {@link ApiDocument}, the API's own description. */
    public ApiClient(int port, ReplyCheck check) {
        this.base = "http://127.0.0.1:" + port;
        this.check = check;
    }

    public HttpReply get(String path) {
        return request("GET", path).send();
    }

    /** One page of a category, the category form-encoded. */
    public HttpReply list(String category, int limit) {
        return get("/models?category=" + URLEncoder.encode(category, StandardCharsets.UTF_8) + "&limit=" + limit);
    }

    public HttpReply post(String path, String json) {
        return request("POST", path).json(json).send();
    }

    public HttpReply put(String path, String json) {
        return request("PUT", path).json(json).send();
    }

    public HttpReply delete(String path) {
        return request("DELETE", path).send();
    }

    /** Any method, with headers (If-Match, say) or a body of one's choosing. */
    public Request request(String method, String path) {
        return new Request(method, path);
    }

    public final class Request {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Request json(String json) {
            return body("application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        /** A null content type sends the body without a Content-Type header. */
        public Request body(String contentType, byte[] bytes) {
            if (contentType != null) headers.put("Content-Type", contentType);
            this.body = bytes;
            return this;
        }

        /** Fails with an UncheckedIOException when no answer comes (a stopped server, say). */
        public HttpReply send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(REQUEST_TIMEOUT)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            try {
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                HttpReply reply = new HttpReply(response.statusCode(), response.headers().map(), response.body());
                check.check(method, path, reply);
                return reply;
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + path, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
