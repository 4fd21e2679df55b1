package io.aside.cache;

import io.aside.cache.RedisEpoch.Life;
import io.aside.domain.cache.CacheKey;
import java.util.function.Consumer;
import java.util.function.Function;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.UnifiedJedis;

/**
 * What differs between one Redis server and a Redis Cluster (DESIGN §3.4): the clients, the key
 * layout, where a script's life comes from, which keys a script may touch together, and how the
 * near cache's messages travel. {@link RedisCache}, {@link RedisEntryScripts} and the scripts are the
 * same on both. Jedis failures pass through; callers translate them.
 */
sealed interface RedisDeployment extends AutoCloseable permits OneRedisServer, RedisClusterDeployment {
    /** The deployment {@code settings} name; never fails because Redis is down. */
    static RedisDeployment of(RedisSettings settings, Consumer<String> onNewLife) {
        return settings.cluster() ? new RedisClusterDeployment(settings, onNewLife) : new OneRedisServer(settings, onNewLife);
    }

    /** The client of every protocol step, with the command timeout. */
    UnifiedJedis fast();

    /** The client of last attempts at delivering invalidations, with the longer write timeout. */
    UnifiedJedis patient();

    RedisKeys keys();

    /** Runs a read in one life of the server that answers it (asking again if it changed meanwhile). */
    <T> T read(Function<Life, T> script);

    /** The life a write through {@code client} runs in. */
    Life life(UnifiedJedis client);

    /** Asks every server which life it is in: fails if one does not answer. */
    void ping();

    /** Which hash slot {@code key} is in: keys of one slot may be touched by one script. */
    int slotOf(String key);

    /** The servers that fail on their own, for a breaker each; {@code entryKey} names the key a call on an entry touches. */
    CacheShards shards(Function<CacheKey<?>, String> entryKey);

    /** The command that publishes a near-cache message to its channel's subscribers. */
    String publishCommand();

    /** Publishes {@code message} on {@code channel} through the fast client. */
    void publish(String channel, String message);

    /**
     * Subscribes to {@code channels} (all of one slot) on a connection of its own made with
     * {@code config}; blocks until the subscription ends.
     */
    void subscribe(DefaultJedisClientConfig config, Subscription.Listener listener, String... channels);

    @Override
    void close();
}
