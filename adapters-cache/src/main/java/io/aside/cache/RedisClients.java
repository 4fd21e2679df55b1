package io.aside.cache;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.executors.ClusterCommandExecutor;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.PooledConnectionProvider;

/** Builds the Jedis clients for {@link RedisSettings}: short timeouts everywhere, including the pool. */
final class RedisClients {
    /** Enough connections that request threads rarely queue for one; idle ones are closed by the pool. */
    static final int MAX_CONNECTIONS = 64;
    /** The patient client only carries second attempts of invalidations: a few connections do. */
    static final int PATIENT_CONNECTIONS = 4;
    /** The first try, and one more: after a failover, the slot's new master answers the second. */
    static final int CLUSTER_ATTEMPTS = 2;

    private RedisClients() {}

    /** The client of every protocol step, with the command timeout. */
    static UnifiedJedis fast(RedisSettings settings, RedisEpoch epoch) {
        return create(settings, epoch, settings.commandTimeout(), MAX_CONNECTIONS, 0);
    }

    /** The client of last attempts at delivering invalidations, with the longer write timeout. */
    static UnifiedJedis patient(RedisSettings settings, RedisEpoch epoch) {
        // One connection kept ready (the pool's evictor makes it): a last attempt that must first
        // connect through a hung network would spend its timeout twice, once on the handshake.
        return create(settings, epoch, settings.writeTimeout(), PATIENT_CONNECTIONS, 1);
    }

    /**
     * Building the client never fails because Redis is down: connections are made on first use, each
     * checked for the server's life ({@link EpochCheckingConnections}) before any command runs on it.
     */
    private static UnifiedJedis create(RedisSettings settings, RedisEpoch epoch, Duration timeout, int connections, int idle) {
        Duration connect = timeout.compareTo(settings.connectTimeout()) > 0 ? timeout : settings.connectTimeout();
        DefaultJedisClientConfig config = config(settings, connect, timeout).clientName("aside").build();
        ConnectionFactory factory = new ConnectionFactory(new HostAndPort(settings.host(), settings.port()), config);
        PooledConnectionProvider provider = new PooledConnectionProvider(
                new EpochCheckingConnections(factory, epoch), pool(timeout, connections, idle));
        return RedisClient.builder().clientConfig(config).connectionProvider(provider).build();
    }

    /** How every connection of ours reaches {@code settings}' server: its credentials and database, and these timeouts. */
    static DefaultJedisClientConfig.Builder config(RedisSettings settings, Duration connectTimeout, Duration readTimeout) {
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) connectTimeout.toMillis())
                .socketTimeoutMillis((int) readTimeout.toMillis())
                .password(settings.password())
                .database(settings.database());
    }

    /**
     * A cluster client: a pool of {@code connections} per node, and one retry, enough to follow the
     * redirection a failover causes (a failed node's slots are asked again once, then fail open).
     *
     * @param topologyRefresh how often to ask the cluster for its slot map; null: only on redirections and failures
     */
    static RedisCluster cluster(RedisSettings settings, Duration timeout, int connections, Duration topologyRefresh) {
        Duration connect = timeout.compareTo(settings.connectTimeout()) > 0 ? timeout : settings.connectTimeout();
        DefaultJedisClientConfig config = config(settings, connect, timeout).clientName("aside").build();
        Set<HostAndPort> seeds = new HashSet<>();
        settings.nodes().forEach(node -> seeds.add(new HostAndPort(node.host(), node.port())));
        ClusterConnectionProvider provider = new ClusterConnectionProvider(seeds, config, pool(timeout, connections, 0), topologyRefresh);
        RedisClusterClient client = RedisClusterClient.builder().nodes(seeds).clientConfig(config).connectionProvider(provider)
                .commandExecutor(new ClusterCommandExecutor(provider, CLUSTER_ATTEMPTS, timeout.multipliedBy(CLUSTER_ATTEMPTS).plus(connect)))
                .build();
        return new RedisCluster(client, provider);
    }

    /** A cluster client, and the slot map it routes by. */
    record RedisCluster(RedisClusterClient client, ClusterConnectionProvider provider) {}

    private static ConnectionPoolConfig pool(Duration timeout, int connections, int idle) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(connections);
        pool.setMaxIdle(connections);
        pool.setMinIdle(idle);
        // The pool's default is to wait forever for a free connection: bound it like a command.
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(timeout);
        return pool;
    }
}
