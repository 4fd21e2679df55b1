package io.aside.cache;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** Builds the Jedis client for {@link RedisSettings}: short timeouts everywhere, including the pool. */
final class RedisClients {
    /** Enough connections that request threads rarely queue for one; idle ones are closed by the pool. */
    static final int MAX_CONNECTIONS = 64;

    private RedisClients() {}

    /**
     * Building the client never fails because Redis is down: Jedis tries one connection while it is
     * constructed and, on failure, carries on (costing at most one connect + command timeout).
     */
    static UnifiedJedis create(RedisSettings settings) {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) settings.connectTimeout().toMillis())
                .socketTimeoutMillis((int) settings.commandTimeout().toMillis())
                .password(settings.password())
                .database(settings.database())
                .clientName("aside")
                .build();
        return RedisClient.builder()
                .hostAndPort(settings.host(), settings.port())
                .clientConfig(config)
                .poolConfig(pool(settings))
                .build();
    }

    private static ConnectionPoolConfig pool(RedisSettings settings) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(MAX_CONNECTIONS);
        pool.setMaxIdle(MAX_CONNECTIONS);
        pool.setMinIdle(0);
        // The pool's default is to wait forever for a free connection: bound it like a command.
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(settings.commandTimeout());
        return pool;
    }
}
