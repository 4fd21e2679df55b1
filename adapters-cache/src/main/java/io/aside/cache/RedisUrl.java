package io.aside.cache;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code redis://[:password@]host:port[/db]} and
 * {@code redis-cluster://[:password@]host:port[,host:port…]} strictly. Error messages name the
 * problem but never repeat the URL: it may hold a password.
 */
final class RedisUrl {
    private static final String CLUSTER_SCHEME = RedisSettings.CLUSTER_SCHEME;
    private static final String SHAPE = "redis://[:password@]host:port[/db]";
    private static final String CLUSTER_SHAPE = CLUSTER_SCHEME + "[:password@]host:port[,host:port…]";

    private RedisUrl() {}

    static RedisSettings parse(String url) {
        boolean cluster = url != null && url.strip().regionMatches(true, 0, CLUSTER_SCHEME, 0, CLUSTER_SCHEME.length());
        try {
            return cluster ? parseCluster(url.strip().substring(CLUSTER_SCHEME.length())) : parseServer(url);
        } catch (Problem problem) {
            String expected = cluster ? "Redis Cluster URL must look like " + CLUSTER_SHAPE : "Redis URL must look like " + SHAPE;
            throw new IllegalArgumentException(expected + ", but " + problem.getMessage());
        }
    }

    /** What is wrong with a URL, in words that never repeat it (it may hold a password); {@link #parse} names the shape. */
    private static final class Problem extends RuntimeException {
        Problem(String problem) {
            super(problem, null, false, false);
        }
    }

    /** Each seed node is read as a one-server URL with the same credentials: one set of rules for both. */
    private static RedisSettings parseCluster(String rest) {
        int at = rest.lastIndexOf('@');
        String credentials = at < 0 ? "" : rest.substring(0, at + 1);
        List<RedisSettings.Node> nodes = new ArrayList<>();
        String password = null;
        for (String node : rest.substring(at + 1).split(",", -1)) {
            if (node.isBlank()) throw invalid("a node is empty");
            if (node.contains("/")) throw invalid("a cluster has no database to choose");
            RedisSettings server = parseServer(RedisSettings.SCHEME + credentials + node.strip());
            nodes.add(new RedisSettings.Node(server.host(), server.port()));
            password = server.password();
        }
        return new RedisSettings(nodes, true, password, 0, RedisSettings.DEFAULT_NAMESPACE, RedisSettings.DEFAULT_CONNECT_TIMEOUT,
                RedisSettings.DEFAULT_COMMAND_TIMEOUT, RedisSettings.DEFAULT_WRITE_TIMEOUT);
    }

    private static RedisSettings parseServer(String url) {
        if (url == null || url.isBlank()) throw invalid("it is empty");
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            // The exception's own message quotes the input, so it is deliberately not chained.
            throw invalid("it is not a valid URI (reserved characters in the password must be percent-encoded)");
        }
        if (!"redis".equalsIgnoreCase(uri.getScheme())) throw invalid("the scheme must be redis://");
        if (uri.getHost() == null) throw invalid("it has no host (or an invalid one)");
        if (uri.getPort() < 0) throw invalid("it has no port");
        if (uri.getPort() < 1 || uri.getPort() > 65535) throw invalid("the port must be 1-65535");
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) throw invalid("it must not have a query or fragment");
        return new RedisSettings(uri.getHost(), uri.getPort(), password(uri.getUserInfo()), database(uri.getPath()),
                RedisSettings.DEFAULT_NAMESPACE, RedisSettings.DEFAULT_CONNECT_TIMEOUT, RedisSettings.DEFAULT_COMMAND_TIMEOUT,
                RedisSettings.DEFAULT_WRITE_TIMEOUT);
    }

    private static String password(String userInfo) {
        if (userInfo == null) return null;
        if (!userInfo.startsWith(":")) throw invalid("a user name is not supported, only ':password@'");
        if (userInfo.length() == 1) throw invalid("the password after ':' is empty");
        return userInfo.substring(1);
    }

    private static int database(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) return 0;
        String db = path.substring(1);
        if (!db.matches("[0-9]{1,5}")) throw invalid("the database after '/' must be a number");
        return Integer.parseInt(db);
    }

    private static Problem invalid(String problem) {
        return new Problem(problem);
    }
}
