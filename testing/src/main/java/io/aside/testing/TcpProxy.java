package io.aside.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A TCP proxy that fault tests put between the service and a real MariaDB or Redis, to break the
 * network rather than the server: partition one service instance from Redis, slow the database
 * down, lose a connection while its COMMIT is in flight. Stopping or pausing the server itself
 * ({@link TestServer}) cannot do that, since it hits every client at once and never the path.
 *
 * <p>A chunk is whatever one read returned. Clients of MariaDB and Redis send a request in one
 * write, which in practice arrives in one read, so a chunk is what traps match on.
 */
public final class TcpProxy implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final long JOIN_TIMEOUT_MILLIS = 5_000;
    private static final int COM_QUERY = 0x03;

    record Trap(Predicate<byte[]> matches, CompletableFuture<Void> fired) {}

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final String threadPrefix;
    private final Valve valve = new Valve();
    private final AtomicReference<Trap> trap = new AtomicReference<>();
    private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionIds = new AtomicInteger();
    private volatile boolean refusing;
    private boolean closed; // guarded by connections

    private TcpProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
        this.threadPrefix = "tcp-proxy-" + listener.getLocalPort() + "-";
    }

    /** Listens on 127.0.0.1, on a free port, forwarding every accepted connection to target. */
    public static TcpProxy start(String targetHost, int targetPort) {
        Objects.requireNonNull(targetHost, "targetHost");
        if (targetPort < 1 || targetPort > 65_535) throw new IllegalArgumentException("target port out of range: " + targetPort);
        ServerSocket listener = null;
        try {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
        } catch (IOException e) {
            if (listener != null) closeQuietly(listener);
            throw new UncheckedIOException("TcpProxy to " + targetHost + ":" + targetPort + " cannot listen on " + HOST + ": " + e.getMessage(), e);
        }
        TcpProxy proxy = new TcpProxy(listener, new InetSocketAddress(targetHost, targetPort));
        proxy.spawn("accept", proxy::acceptConnections);
        return proxy;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Every chunk the target sends back is held this long before the client gets it (Duration.ZERO: off). Applies to open and new connections. */
    public void delayReplies(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) throw new IllegalArgumentException("negative reply delay: " + delay);
        valve.delayReplies(delay);
    }

    /** Nothing flows in either direction (bytes are held, not dropped; connections stay open; new connections are accepted but also held) — like a hung network path. */
    public void freeze() {
        valve.freeze();
    }

    /** Undoes freeze(): held bytes flow on in order. */
    public void thaw() {
        valve.thaw();
    }

    /** Closes every open connection on both sides at once (like a network reset); new connections are still accepted. */
    public void cutAll() {
        for (ProxiedConnection connection : List.copyOf(connections)) connection.cut();
    }

    /** While true, new connections are accepted and closed at once (connection refused/reset for the client). */
    public void refuseNew(boolean refuse) {
        refusing = refuse;
    }

    /**
     * Arms a one-shot trap: the first chunk a client sends that matches {@code chunk} is forwarded to
     * the target, and then that connection is cut on both sides before any byte of the reply reaches the
     * client — "the server got the request, the client never got the answer". The future completes when
     * the trap has fired.
     *
     * <p>The client side is reset at once; the target side is closed gently once the target has
     * answered (at most 5 s later), so when the future completes the target has acted on the request.
     * Arming again replaces a trap that has not fired (its future fails); closing the proxy fails it too.
     */
    public CompletableFuture<Void> cutAfterClientSends(Predicate<byte[]> chunk) {
        Objects.requireNonNull(chunk, "chunk");
        Trap armed = new Trap(chunk, new CompletableFuture<>());
        Trap replaced = trap.getAndSet(armed);
        if (replaced != null) replaced.fired().completeExceptionally(new IllegalStateException("trap replaced by a newer one before it fired"));
        if (isClosed()) disarm("proxy is closed");
        return armed.fired();
    }

    /**
     * A predicate for cutAfterClientSends: a MySQL/MariaDB COM_QUERY packet (command byte 0x03 after the 4-byte header) whose SQL text, trimmed, equals {@code sql} ignoring case. Must NOT match other statements that merely contain it (Connector/J sends "SET autocommit=0", which contains "commit"; the trap for "commit" must only match the COMMIT statement itself).
     *
     * <p>Only an uncompressed packet that starts the chunk and fits in it whole is looked at.
     */
    public static Predicate<byte[]> mysqlQuery(String sql) {
        String wanted = Objects.requireNonNull(sql, "sql").trim();
        return chunk -> wanted.equalsIgnoreCase(queryText(chunk));
    }

    /** Number of connections currently open through the proxy. */
    public int openConnections() {
        return connections.size();
    }

    /** Stops listening and cuts everything; idempotent. Returns once every proxy thread has ended. */
    @Override
    public void close() {
        synchronized (connections) {
            if (closed) return;
            closed = true;
        }
        closeQuietly(listener);
        disarm("proxy closed before the trap fired");
        cutAll();
        joinThreads();
    }

    private static String queryText(byte[] chunk) {
        if (chunk == null || chunk.length < 5) return null;
        int payloadLength = (chunk[0] & 0xff) | (chunk[1] & 0xff) << 8 | (chunk[2] & 0xff) << 16;
        boolean startsCommand = chunk[3] == 0; // sequence id: a command always opens its exchange
        if (!startsCommand || chunk[4] != COM_QUERY || payloadLength < 1 || 4 + payloadLength > chunk.length) return null;
        // trim() also drops the "\0\1" parameter counts MySQL 8 puts before the text when query attributes are on
        return new String(chunk, 5, payloadLength - 1, StandardCharsets.UTF_8).trim();
    }

    private void acceptConnections() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                continue; // closed (the loop ends) or one failed handshake (the next may work)
            }
            if (refusing) {
                ProxiedConnection.closeQuietly(client, true);
                continue;
            }
            ProxiedConnection connection = new ProxiedConnection(this, valve, connectionIds.incrementAndGet(), client);
            try {
                client.setTcpNoDelay(true);
            } catch (IOException e) {
                ProxiedConnection.closeQuietly(client, true);
                continue;
            }
            if (register(connection)) {
                connection.start();
            } else {
                ProxiedConnection.closeQuietly(client, true);
            }
        }
    }

    InetSocketAddress target() {
        return target;
    }

    /** The armed trap, taken (so it fires once) if this chunk matches it. */
    Trap claimTrap(byte[] buffer, int length) {
        Trap armed = trap.get();
        if (armed == null) return null;
        boolean matches;
        try {
            matches = armed.matches().test(Arrays.copyOf(buffer, length));
        } catch (RuntimeException e) {
            if (trap.compareAndSet(armed, null)) armed.fired().completeExceptionally(e);
            return null;
        }
        return matches && trap.compareAndSet(armed, null) ? armed : null;
    }

    Thread spawn(String role, Runnable body) {
        threads.removeIf(t -> !t.isAlive());
        Thread thread = new Thread(body, threadPrefix + role);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
        return thread;
    }

    void forget(ProxiedConnection connection) {
        connections.remove(connection);
    }

    private boolean register(ProxiedConnection connection) {
        synchronized (connections) {
            return !closed && connections.add(connection);
        }
    }

    private boolean isClosed() {
        synchronized (connections) {
            return closed;
        }
    }

    private void disarm(String why) {
        Trap armed = trap.getAndSet(null);
        if (armed != null) armed.fired().completeExceptionally(new IllegalStateException(why));
    }

    /** No thread may outlive close(): a test checking for leaks, or the next test, would trip over it. */
    private void joinThreads() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_TIMEOUT_MILLIS);
        try {
            for (Thread thread : threads) {
                long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (thread != Thread.currentThread() && leftMillis > 0) thread.join(leftMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> running = threads.stream().filter(t -> t.isAlive() && t != Thread.currentThread()).map(Thread::getName).toList();
        if (!running.isEmpty()) throw new IllegalStateException("TcpProxy threads still running after close: " + running);
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the listener is unusable either way
        }
    }
}
