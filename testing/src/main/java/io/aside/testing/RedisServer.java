package io.aside.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A Redis server for tests. Test classes keep apart by key namespace ({@link #freshNamespace()});
 * fault tests can stop, kill, pause and resume the server the harness started.
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

    static RedisServer startOwned() {
        Path binary = Binaries.require("redis-server", "redis-server", ENV_URL);
        Path dir = ServerProcess.tempFolder("aside-redis-");
        int port = ServerProcess.freePort();
        ServerProcess server = new ServerProcess("redis", List.of(binary.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()), dir);
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
        return "aside-test-" + UUID.randomUUID().toString().substring(0, 8);
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
