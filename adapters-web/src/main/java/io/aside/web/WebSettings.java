package io.aside.web;

import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP adapter listens and what it accepts.
 *
 * @param port            TCP port; 0 picks a free one (tests), see {@link WebServer#port()}
 * @param maxRequestBytes largest accepted request body; a model is at most a few tens of KiB
 *                        (32 attributes of 1 KiB), so anything much larger is a mistake or an attack
 * @param drainTimeout    how long {@link WebServer#stop()} lets in-flight requests finish
 */
public record WebSettings(int port, int maxRequestBytes, Duration drainTimeout) {
    public static final int DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /** Bodies are held in memory whole, so the limit itself is bounded too. */
    public static final int MAX_REQUEST_BYTES_LIMIT = 16 * 1024 * 1024;

    public WebSettings {
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (maxRequestBytes < 1 || maxRequestBytes > MAX_REQUEST_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxRequestBytes must be 1.." + MAX_REQUEST_BYTES_LIMIT + ", got " + maxRequestBytes);
        }
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (drainTimeout.isNegative()) throw new IllegalArgumentException("drainTimeout must not be negative");
    }

    /** The defaults for everything but the port. */
    public static WebSettings onPort(int port) {
        return new WebSettings(port, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_DRAIN_TIMEOUT);
    }
}
