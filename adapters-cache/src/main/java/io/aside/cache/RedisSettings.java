package io.aside.cache;

import io.aside.domain.Checks;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the Redis cache lives and how long we are willing to wait for it. The timeouts are short on
 * purpose: a cache that answers late is worse than none, because reads fail open to the database
 * (DESIGN §3) and should pay at most a few tens of milliseconds to find out.
 *
 * @param nodes     the server, or a cluster's seed nodes (the client discovers the rest)
 * @param cluster   whether {@code nodes} belong to a Redis Cluster (DESIGN §3.4)
 * @param password  null when the server needs none; never printed
 * @param namespace the first key segment, so that tests (or two apps) can share one server
 */
public record RedisSettings(List<Node> nodes, boolean cluster, String password, int database, String namespace,
                            Duration connectTimeout, Duration commandTimeout, Duration writeTimeout) {
    /** One server's address. */
    public record Node(String host, int port) {
        public Node {
            if (host == null || host.isBlank()) throw new IllegalArgumentException("Redis host is required");
            if (port < 1 || port > 65535) throw new IllegalArgumentException("Redis port must be 1-65535, got " + port);
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public static final String SCHEME = "redis://";
    public static final String CLUSTER_SCHEME = "redis-cluster://";
    public static final String DEFAULT_NAMESPACE = "aside";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(100);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(50);
    /**
     * The second, last attempt at delivering a committed write's invalidation may wait this long: a
     * write already took a database round trip, and every instance that can reach Redis keeps serving
     * the replaced value until the invalidation lands.
     */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(1);

    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public RedisSettings {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) throw new IllegalArgumentException("Redis needs at least one node");
        if (!cluster && nodes.size() > 1) throw new IllegalArgumentException("one Redis server has one address, got " + nodes.size());
        if (cluster && database != 0) throw new IllegalArgumentException("a Redis Cluster has only database 0, got " + database);
        if (password != null && password.isEmpty()) throw new IllegalArgumentException("Redis password is empty");
        if (database < 0) throw new IllegalArgumentException("Redis database must not be negative, got " + database);
        requireNamespace(namespace);
        requireTimeout(connectTimeout, "connect timeout");
        requireTimeout(commandTimeout, "command timeout");
        requireTimeout(writeTimeout, "write timeout");
    }

    /** One standalone server. */
    public RedisSettings(String host, int port, String password, int database, String namespace,
                         Duration connectTimeout, Duration commandTimeout, Duration writeTimeout) {
        this(List.of(new Node(host, port)), false, password, database, namespace, connectTimeout, commandTimeout, writeTimeout);
    }

    /** The standalone server's host; a cluster's first seed. */
    public String host() {
        return nodes.get(0).host();
    }

    public int port() {
        return nodes.get(0).port();
    }

    /** The one rule for a namespace; public so that the configuration can name its variable. */
    public static String requireNamespace(String namespace) {
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("cache namespace must be 1-64 letters, digits, '.', '_' or '-', got '" + namespace + "'");
        }
        return namespace;
    }

    /**
     * Settings for a {@code redis://[:password@]host:port[/db]} or a
     * {@code redis-cluster://[:password@]host:port[,host:port…]} URL, with the default namespace and timeouts.
     */
    public static RedisSettings fromUrl(String redisUrl) {
        return RedisUrl.parse(redisUrl);
    }

    public RedisSettings withNamespace(String newNamespace) {
        return new RedisSettings(nodes, cluster, password, database, newNamespace, connectTimeout, commandTimeout, writeTimeout);
    }

    public RedisSettings withTimeouts(Duration newConnectTimeout, Duration newCommandTimeout) {
        return new RedisSettings(nodes, cluster, password, database, namespace, newConnectTimeout, newCommandTimeout, writeTimeout);
    }

    public RedisSettings withWriteTimeout(Duration newWriteTimeout) {
        return new RedisSettings(nodes, cluster, password, database, namespace, connectTimeout, commandTimeout, newWriteTimeout);
    }

    /** Spelled out so that the password can never reach a log line. */
    @Override
    public String toString() {
        String nodeList = nodes.stream().map(Node::toString).collect(Collectors.joining(","));
        return "RedisSettings[" + (cluster ? CLUSTER_SCHEME : SCHEME) + (password == null ? "" : ":***@") + nodeList
                + (cluster ? "" : "/" + database)
                + ", namespace=" + namespace + ", connectTimeout=" + connectTimeout + ", commandTimeout=" + commandTimeout + ", writeTimeout=" + writeTimeout + "]";
    }

    /** Jedis takes timeouts as int milliseconds. */
    private static void requireTimeout(Duration timeout, String name) {
        Checks.requirePositive(timeout, "Redis " + name);
        if (timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Redis " + name + " must fit in int milliseconds, got " + timeout);
        }
    }
}
