package io.aside.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis server for tests. Test classes keep apart by key namespace ({@link #freshNamespace()});
 * fault tests can stop, kill, pause and resume the server the harness started, and send it raw
 * commands ({@link #command}) such as {@code SAVE}, {@code CONFIG SET} or {@code CLIENT PAUSE}.
 */
public final class RedisServer extends TestServer {
    private static final String ENV_URL = "ASIDE_TEST_REDIS_URL";

    private final String host;
    private final int port;

    private RedisServer(String host, int port, ServerProcess process) {
        super(process, ENV_URL, Duration.ofSeconds(30));
        this.host = host;
        this.port = port;
    }

    static RedisServer provision() {
        String url = System.getenv(ENV_URL);
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url);
            return new RedisServer(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), null);
        }
        return startOwned();
    }

    /** A server that keeps nothing on disk: a restart brings it back empty. */
    static RedisServer startOwned() {
        return startOwned(Binaries.require("redis-server", "redis-server", ENV_URL), List.of("--save", ""));
    }

    /**
     * A server that snapshots to {@code dump.rdb} in its throw-away folder ({@code SAVE} writes it at
     * once; otherwise at most hourly) and loads that snapshot when it starts again, as Debian's default
     * configuration does: a crash brings back whatever the last snapshot held.
     */
    static RedisServer startPersistent() {
        return startOwned(Binaries.require("redis-server", "redis-server", ENV_URL), List.of("--dbfilename", "dump.rdb", "--save", "3600 1"));
    }

    /**
     * A node for a Redis Cluster ({@link RedisCluster}): cluster mode on, a short node timeout so that
     * a failover takes about a second, its cluster state in its throw-away folder. A master sends a
     * replica its first full copy at once: Redis 7's default waits 5 s for more replicas to share the
     * transfer ({@code repl-diskless-sync-delay}), and each of these masters only ever has one, so that
     * wait was 5 s of every cluster's start, and of every rejoin after a failover, spent doing nothing.
     */
    static RedisServer startClusterNode(int port) {
        // No running server can stand in for a cluster node: the hint names the package alone.
        return startOwned(Binaries.require("redis-server", "redis-server"), port, List.of("--save", "", "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", Long.toString(RedisCluster.NODE_TIMEOUT.toMillis()), "--repl-diskless-sync-delay", "0"));
    }

    private static RedisServer startOwned(Path binary, List<String> persistence) {
        return startOwned(binary, ServerProcess.freePort(), persistence);
    }

    private static RedisServer startOwned(Path binary, int port, List<String> persistence) {
        Path dir = ServerProcess.tempFolder("aside-redis-");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--appendonly", "no", "--dir", dir.toString()));
        command.addAll(persistence);
        ServerProcess server = new ServerProcess("redis", command, dir);
        RedisServer redis = new RedisServer("127.0.0.1", port, server);
        redis.start();
        return redis;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://" + host + ":" + port;
    }

    /** A key namespace no other test class uses. */
    public String freshNamespace() {
        return Namespaces.fresh();
    }

    /**
     * Sends one command on a connection of its own and returns the reply: a status, bulk string or
     * integer as text, nil as null, an array as its elements' texts one per line. An error reply
     * throws. For what tests do to the server itself ({@code SAVE}, {@code CONFIG SET},
     * {@code CLIENT PAUSE}, {@code INFO}); the harness needs no Redis client library for it.
     */
    public String command(String... arguments) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            socket.setSoTimeout(30_000); // SAVE of a small data set takes milliseconds; this only bounds a hang
            OutputStream out = socket.getOutputStream();
            out.write(encode(arguments));
            out.flush();
            return readReply(new BufferedInputStream(socket.getInputStream()), String.join(" ", arguments));
        } catch (IOException e) {
            throw new UncheckedIOException("Redis at " + host + ":" + port + " did not answer " + arguments[0], e);
        }
    }

    private static byte[] encode(String... arguments) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String argument : arguments) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(bytes);
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return request.toByteArray();
    }

    private static String readReply(InputStream in, String command) throws IOException {
        String line = readLine(in);
        String rest = line.substring(1);
        switch (line.charAt(0)) {
            case '+', ':' -> {
                return rest;
            }
            case '-' -> throw new IllegalStateException("Redis refused '" + command + "': " + rest);
            case '$' -> {
                int length = Integer.parseInt(rest);
                if (length < 0) return null;
                byte[] bulk = in.readNBytes(length + 2);
                return new String(bulk, 0, length, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int count = Integer.parseInt(rest);
                List<String> elements = new ArrayList<>();
                for (int i = 0; i < count; i++) elements.add(readReply(in, command));
                return String.join("\n", elements);
            }
            default -> throw new IllegalStateException("unexpected Redis reply to '" + command + "': " + line);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\r') {
            if (b < 0) throw new IOException("Redis closed the connection mid-reply");
            line.write(b);
        }
        in.read(); // '\n'
        return line.toString(StandardCharsets.UTF_8);
    }

    /** A raw RESP PING, so the harness needs no Redis client of its own. */
    @Override
    boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException notYet) {
            return false;
        }
    }
}
