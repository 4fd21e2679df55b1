package io.aside.cache;

import io.aside.cache.RedisEpoch.Life;
import io.aside.domain.cache.CacheKey;
import java.util.function.Consumer;
import java.util.function.Function;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One Redis server: untagged keys, and one life for the whole cache, which every new connection
 * checks before it is used ({@link RedisEpoch}) and the client passes to each script.
 */
final class OneRedisServer implements RedisDeployment {
    private final RedisSettings settings;
    private final RedisKeys keys;
    private final RedisEpoch epoch;
    private final UnifiedJedis fast;
    private final UnifiedJedis patient;

    OneRedisServer(RedisSettings settings, Consumer<String> onNewLife) {
        this.settings = settings;
        this.keys = new RedisKeys(settings.namespace());
        this.epoch = new RedisEpoch(keys, onNewLife);
        this.fast = RedisClients.fast(settings, epoch);
        this.patient = RedisClients.patient(settings, epoch);
    }

    @Override
    public UnifiedJedis fast() {
        return fast;
    }

    @Override
    public UnifiedJedis patient() {
        return patient;
    }

    @Override
    public RedisKeys keys() {
        return keys;
    }

    /**
     * Runs a read under the life known before it; if a connection made meanwhile found a new life,
     * the answer may come from the new server but was asked in terms of the old one: ask again.
     */
    @Override
    public <T> T read(Function<Life, T> script) {
        for (int attempt = 1; ; attempt++) {
            Life before = life(fast);
            T answer = script.apply(before);
            if (epoch.current().version() == before.version()) return answer;
            if (attempt == 2) throw new JedisException("Redis changed life twice during one read");
        }
    }

    /** The current life, connecting first if no connection has been made yet. */
    @Override
    public Life life(UnifiedJedis client) {
        Life life = epoch.current();
        if (life != null) return life;
        client.ping();
        return epoch.current();
    }

    /** Asks the server which life it is in, on a pooled connection: also notices a restart that kept our connections. */
    @Override
    public void ping() {
        epoch.learn(fast::executeCommand);
    }

    @Override
    public int slotOf(String key) {
        return 0;
    }

    /** One server: one breaker, and no key to work out per call. */
    @Override
    public CacheShards shards(Function<CacheKey<?>, String> entryKey) {
        return CacheShards.ONE;
    }

    @Override
    public String publishCommand() {
        return "PUBLISH";
    }

    @Override
    public void publish(String channel, String message) {
        fast.publish(channel, message);
    }

    @Override
    public void subscribe(DefaultJedisClientConfig config, Subscription.Listener listener, String... channels) {
        try (Jedis jedis = new Jedis(new HostAndPort(settings.host(), settings.port()), config)) {
            jedis.subscribe(new Subscription.Plain(listener), channels);
        }
    }

    @Override
    public void close() {
        patient.close();
        fast.close();
    }
}
