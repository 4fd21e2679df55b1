package io.aside.cache;

import io.aside.domain.port.CacheUnavailableException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One memcached server of the pool: its idle connections, and whether it failed lately. A call
 * takes an idle connection or opens one (a burst costs a connect, never a wait in a queue), and
 * gives it back only when the exchange ended cleanly. Any I/O failure or timeout becomes
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

    /**
     * Runs {@code exchange} on a connection. An idle connection that turns out closed by the server (a
     * restart, an idle timeout) did not carry the command to anyone: every idle one is as suspect, so
     * they are all dropped and the exchange runs once more on a new connection. Every exchange of the
     * protocol may run twice (a lease asked again under its token, a compare-and-swap, a delete).
     */
    <T> T call(String operation, Duration timeout, Exchange<T> exchange) {
        MemcachedConnection reused = idle.poll();
        if (reused != null) {
            try {
                return exchange(reused, timeout, exchange);
            } catch (SocketTimeoutException | MemcachedReply.ServerError e) {
                throw unavailable(operation, e); // the server is there: slow, or refusing the command
            } catch (IOException e) {
                dropIdle(); // closed under us: the server went away since, or closed idle connections
            }
        }
        try {
            return exchange(open(), timeout, exchange);
        } catch (IOException e) {
            throw unavailable(operation, e);
        }
    }

    private <T> T exchange(MemcachedConnection connection, Duration timeout, Exchange<T> exchange) throws IOException {
        try {
            connection.timeout(timeout);
            T result = exchange.on(connection);
            giveBack(connection);
            return result;
        } catch (IOException | RuntimeException | Error e) {
            connection.close(); // out of step with the server: its replies no longer match our commands
            throw e;
        }
    }

    private CacheUnavailableException unavailable(String operation, IOException e) {
        failedAt = System.nanoTime();
        return new CacheUnavailableException("memcached " + server + " " + operation + " failed: " + e.getMessage(), e);
    }

    /** Whether a call failed within the last second: best-effort work skips the server rather than wait out its timeout. */
    boolean failedLately() {
        return System.nanoTime() - failedAt < QUIET_AFTER_FAILURE_NANOS;
    }

    private MemcachedConnection open() throws IOException {
        if (closed) throw new IOException("the client is closed");
        return new MemcachedConnection(server, connectTimeout);
    }

    private void giveBack(MemcachedConnection connection) {
        if (closed || !idle.offer(connection)) connection.close();
    }

    private void dropIdle() {
        MemcachedConnection connection;
        while ((connection = idle.poll()) != null) connection.close();
    }

    @Override
    public void close() {
        closed = true;
        dropIdle();
    }

    @Override
    public String toString() {
        return server.toString();
    }
}
