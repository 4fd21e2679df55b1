package io.aside.cache;

import io.aside.cache.JsonCodec.UndecodableValueException;
import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.model.Category;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@link CachePort} on Redis: every protocol step is one Lua script ({@link CacheScripts}), so it
 * is atomic across all service instances. Any Redis failure or timeout surfaces as
 * {@link CacheUnavailableException}; callers fail open to the database.
 */
public final class RedisCache implements CachePort, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisCache.class);

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final JsonCodec codec = new JsonCodec();

    /** Never fails because Redis is down: a Redis that is down fails calls (fail open), not startup. */
    public RedisCache(RedisSettings settings) {
        this(RedisClients.create(settings), settings.namespace());
    }

    RedisCache(UnifiedJedis redis, String namespace) {
        this.redis = redis;
        this.keys = new RedisKeys(namespace);
    }

    @Override
    public <V> Lookup<V> lookup(CacheKey<V> key, Duration leaseTtl) {
        String ttl = Durations.millis(leaseTtl, "lease TTL");
        return lookup(key, ttl, true);
    }

    private <V> Lookup<V> lookup(CacheKey<V> key, String leaseTtlMillis, boolean mayRepair) {
        String token = LeaseTokens.next();
        String entry = keys.entry(key);
        String stored = (String) call("lookup", () ->
                CacheScripts.LOOKUP.run(redis, List.of(entry), List.of(StoredValue.lease(token), leaseTtlMillis)));
        try {
            return StoredLookup.of(key, stored, token, codec);
        } catch (UndecodableValueException e) {
            if (!mayRepair) throw new CacheUnavailableException("Redis holds an undecodable value under " + entry, e);
            // Not what we wrote (corruption, a hand-made key): drop exactly those bytes, then look again.
            log.warn("Discarding undecodable cache value under {}", entry, e);
            call("discard", () -> CacheScripts.DELETE_IF_HOLDS.run(redis, List.of(entry), List.of(stored)));
            return lookup(key, leaseTtlMillis, false);
        }
    }

    @Override
    public <V> boolean fill(Lease<V> lease, Optional<V> value, Duration ttl) {
        String ttlMillis = Durations.millis(ttl, "TTL");
        String stored = value.map(v -> StoredValue.value(codec.encode(v))).orElse(StoredValue.TOMBSTONE_MARKER);
        Object filled = call("fill", () -> CacheScripts.FILL.run(redis, List.of(keys.entry(lease.key())),
                List.of(StoredValue.lease(lease.token()), stored, ttlMillis)));
        return Long.valueOf(1).equals(filled);
    }

    @Override
    public void release(Lease<?> lease) {
        call("release", () -> CacheScripts.DELETE_IF_HOLDS.run(redis, List.of(keys.entry(lease.key())),
                List.of(StoredValue.lease(lease.token()))));
    }

    @Override
    public long generation(Category category) {
        Object generation = call("generation", () ->
                CacheScripts.GENERATION.run(redis, List.of(keys.generation(category)), List.of()));
        return Long.parseLong(generation.toString());
    }

    @Override
    public void invalidate(Invalidation invalidation) {
        if (invalidation.isEmpty()) return;
        List<String> scriptKeys = new ArrayList<>();
        invalidation.models().forEach(id -> scriptKeys.add(keys.entry(new ModelKey(id))));
        invalidation.categories().forEach(category -> scriptKeys.add(keys.generation(category)));
        String models = Integer.toString(invalidation.models().size());
        call("invalidate", () -> CacheScripts.INVALIDATE.run(redis, scriptKeys, List.of(models)));
    }

    @Override
    public void ping() {
        call("ping", redis::ping);
    }

    @Override
    public void close() {
        redis.close();
    }

    /** The one place Jedis failures (refused, timed out, pool exhausted, error replies) become the port's exception. */
    private static <T> T call(String operation, Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisException e) {
            throw new CacheUnavailableException("Redis " + operation + " failed: " + e.getMessage(), e);
        }
    }
}
