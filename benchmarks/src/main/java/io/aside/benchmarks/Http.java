package io.aside.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * The load run's few HTTP helpers on the JDK's own HttpURLConnection: a client that adds little cost
 * of its own to what is measured and keeps connections alive between requests.
 */
final class Http {
    static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    static final int READ_TIMEOUT_MILLIS = 10_000;

    private Http() {}

    static URL url(String spec) {
        try {
            return new URL(spec);
        } catch (IOException e) {
            throw new IllegalArgumentException(spec, e);
        }
    }

    /** A connection with both timeouts set: a hung service fails the request instead of stalling the run. */
    static HttpURLConnection open(URL url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        c.setReadTimeout(READ_TIMEOUT_MILLIS);
        return c;
    }

    /** Reads the body to its end and closes it, which hands the connection back for keep-alive. */
    static void drain(HttpURLConnection c, int status, byte[] buffer) throws IOException {
        try (InputStream body = body(c, status)) {
            while (body != null && body.read(buffer) >= 0) {
                // discard
            }
        }
    }

    /** The whole body as text, "" when there is none. */
    static String text(HttpURLConnection c, int status) throws IOException {
        try (InputStream body = body(c, status)) {
            return body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream body(HttpURLConnection c, int status) throws IOException {
        return status >= 400 ? c.getErrorStream() : c.getInputStream();
    }
}
