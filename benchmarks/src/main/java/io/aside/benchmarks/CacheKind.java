package io.aside.benchmarks;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The cache server a load run puts the service on ({@code --cache=...}), and what that changes in
 * the run: whether the cached instances keep a near cache in front of it, and so which scenarios and
 * claims apply.
 */
enum CacheKind {
    /** One throw-away Redis (or ASIDE_TEST_REDIS_URL's). */
    REDIS("redis", "one Redis", "Redis only"),
    /** A throw-away Redis Cluster: 3 masters with a replica each (needs {@code redis-cli}). */
    REDIS_CLUSTER("redis-cluster", "Redis Cluster (3 masters, 3 replicas)", "Redis only"),
    /**
     * Three throw-away memcached servers, keys spread over them by ketama as in a deployment of
     * several. memcached has no bus to keep a near cache strict, so the service runs none in front of
     * it (DESIGN §3.5): every cached read is a memcached hit, and there is no "server only" instance
     * to set beside the cached ones — they are it.
     */
    MEMCACHED("memcached", "memcached (3 servers, ketama)", null);

    static final int MEMCACHED_SERVERS = 3;

    private final String flag;
    private final String description;
    private final String serverOnlyLabel;

    CacheKind(String flag, String description, String serverOnlyLabel) {
        this.flag = flag;
        this.description = description;
        this.serverOnlyLabel = serverOnlyLabel;
    }

    /** {@code --cache=VALUE}; null (the flag absent) is Redis, as before there was a choice. */
    static CacheKind fromFlag(String value) {
        if (value == null) return REDIS;
        for (CacheKind kind : values()) {
            if (kind.flag.equals(value.strip())) return kind;
        }
        throw new IllegalArgumentException("--cache must be " + choices() + ", got '" + value + "'");
    }

    static String choices() {
        return Arrays.stream(values()).map(k -> k.flag).collect(Collectors.joining("|"));
    }

    String description() {
        return description;
    }

    /** Whether the cached instances keep a near cache in front of the server (Redis kinds), as production wires them. */
    boolean nearCache() {
        return serverOnlyLabel != null;
    }

    /** The instance with its near cache off, whose reads are hits in the server itself; only where there is a near cache to turn off. */
    String serverOnlyLabel() {
        if (!nearCache()) throw new IllegalStateException(flag + " has no near cache to turn off");
        return serverOnlyLabel;
    }
}
