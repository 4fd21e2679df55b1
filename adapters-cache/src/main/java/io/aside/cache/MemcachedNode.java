package io.aside.cache;

import io.aside.domain.port.CacheUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One memcached server of the pool: its idle connections, and whether it failed lately. A call
 * borrows a connection (opening one when none is idle: a burst costs a connect, never a wait in a
 * queue), and gives it back only when the exchange ended cleanly. Any I/O failure or timeout becomes
 * {@link CacheUnavailableException}, the port's way of saying "fail open".
 */
final class MemcachedNode implements AutoCloseable {
    /** Connections kept open between calls; more may be open during a burst, and are closed after it. */
    private static final int MAX_IDLE = 64;
    /** How long a server that failed a call is left out of the best-effort work of others ({@link #failedLately}). */
    private static final long QUIET_AFTER_FAILURE_NANOS = Duration.ofSeconds(1).toNanos();

    /** One request–reply exchange on a connection. */
    @FunctionalInterface
    interface Exchange<T> {
        T on(MemcachedConnection connection) throws IOException;
    }

    private final MemcachedSettings.Server server;
    private final Duration connectTimeout;
    private final BlockingQueue<MemcachedConnection> idle = new ArrayBlockingQueue<>(MAX_IDLE);
    private volatile long failedAt = System.nanoTime() - QUIET_AFTER_FAILURE_NANOS;
    private volatile boolean closed;

    MemcachedNode(MemcachedSettings.Server server, Duration connectTimeout) {
        this.server = server;
        this.connectTimeout = connectTimeout;
    }

    MemcachedSettings.Server server() {
        return server;
    }

    <T> T call(String operation, Duration timeout, Exchange<T> exchange) {
        MemcachedConnection connection = null;
        try {
            connection = borrow();
            connection.timeout(timeout);
            T result = exchange.on(connection);
            giveBack(connection);
            return result;
        } catch (IOException e) {
            discard(connection);
            failedAt = System.nanoTime();
            throw new CacheUnavailableException("memcached " + server + " " + operation + " failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            discard(connection); // out of step with the server: its replies no longer match our commands
            throw e;
        }
    }

    /** Whether a call failed within the last second: best-effort work skips the server rather than wait out its timeout. */
    boolean failedLately() {
        return System.nanoTime() - failedAt < QUIET_AFTER_FAILURE_NANOS;
    }

    private MemcachedConnection borrow() throws IOException {
        if (closed) throw new IOException("the client is closed");
        MemcachedConnection connection = idle.poll();
        return connection != null ? connection : new MemcachedConnection(server, connectTimeout);
    }

    private void giveBack(MemcachedConnection connection) {
        if (closed || !idle.offer(connection)) connection.close();
    }

    private static void discard(MemcachedConnection connection) {
        if (connection != null) connection.close();
    }

    @Override
    public void close() {
        closed = true;
        MemcachedConnection connection;
        while ((connection = idle.poll()) != null) connection.close();
    }

    @Override
    public String toString() {
        return server.toString();
    }
}
