package io.aside.cache;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the memcached servers are and how long we wait for them: the same short timeouts as Redis
 * ({@link RedisSettings}), for the same reason — reads fail open to the database and should pay at
 * most tens of milliseconds to find a server down.
 *
 * @param servers   every server of the pool, in the URL's order; keys spread over them by ketama ({@link KetamaRing})
 * @param namespace the first key segment, so that tests (or two apps) can share servers
 */
public record MemcachedSettings(List<Server> servers, String namespace,
                                Duration connectTimeout, Duration commandTimeout, Duration writeTimeout) {
    public static final String SCHEME = "memcached://";
    private static final String SHAPE = SCHEME + "host:port[,host:port…]";

    /** One server's address, as ketama names it ({@code host:port}). */
    public record Server(String host, int port) {
        public Server {
            if (host == null || host.isBlank()) throw new IllegalArgumentException("memcached host is required");
            if (port < 1 || port > 65535) throw new IllegalArgumentException("memcached port must be 1-65535, got " + port);
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public MemcachedSettings {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) throw new IllegalArgumentException("memcached needs at least one server");
        if (Set.copyOf(servers).size() != servers.size()) throw new IllegalArgumentException("a memcached server is listed twice: " + servers);
        RedisSettings.requireNamespace(namespace);
        Durations.requirePositive(connectTimeout, "connect timeout");
        Durations.requirePositive(commandTimeout, "command timeout");
        Durations.requirePositive(writeTimeout, "write timeout");
    }

    /** {@code memcached://host:port[,host:port…]} with the default namespace and timeouts. */
    public static MemcachedSettings fromUrl(String url) {
        if (url == null || !url.strip().regionMatches(true, 0, SCHEME, 0, SCHEME.length())) throw invalid("the scheme must be " + SCHEME);
        Set<Server> servers = new LinkedHashSet<>();
        for (String server : url.strip().substring(SCHEME.length()).split(",", -1)) {
            if (!servers.add(server(server.strip()))) throw invalid("server " + server.strip() + " is listed twice");
        }
        return new MemcachedSettings(new ArrayList<>(servers), RedisSettings.DEFAULT_NAMESPACE, RedisSettings.DEFAULT_CONNECT_TIMEOUT,
                RedisSettings.DEFAULT_COMMAND_TIMEOUT, RedisSettings.DEFAULT_WRITE_TIMEOUT);
    }

    private static Server server(String hostPort) {
        if (hostPort.isEmpty()) throw invalid("a server is empty");
        URI uri;
        try {
            uri = new URI("memcached://" + hostPort);
        } catch (URISyntaxException e) {
            throw invalid("'" + hostPort + "' is not host:port");
        }
        if (uri.getRawUserInfo() != null) throw invalid("memcached's text protocol has no password");
        if (uri.getHost() == null) throw invalid("'" + hostPort + "' has no host (or an invalid one)");
        if (uri.getPort() < 1 || uri.getPort() > 65535) throw invalid("'" + hostPort + "' needs a port 1-65535");
        if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("'" + hostPort + "' must be host:port only");
        }
        return new Server(uri.getHost(), uri.getPort());
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("memcached URL must look like " + SHAPE + ", but " + problem);
    }

    public MemcachedSettings withNamespace(String newNamespace) {
        return new MemcachedSettings(servers, newNamespace, connectTimeout, commandTimeout, writeTimeout);
    }

    public MemcachedSettings withTimeouts(Duration newConnectTimeout, Duration newCommandTimeout) {
        return new MemcachedSettings(servers, namespace, newConnectTimeout, newCommandTimeout, writeTimeout);
    }

    public MemcachedSettings withWriteTimeout(Duration newWriteTimeout) {
        return new MemcachedSettings(servers, namespace, connectTimeout, commandTimeout, newWriteTimeout);
    }

    @Override
    public String toString() {
        return SCHEME + String.join(",", servers.stream().map(Server::toString).toList()) + " (namespace " + namespace + ")";
    }
}
