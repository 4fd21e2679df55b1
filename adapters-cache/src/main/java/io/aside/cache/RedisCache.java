package io.aside.cache;

import io.aside.cache.JsonCodec.UndecodableValueException;
import io.aside.cache.RedisEpoch.Life;
import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.model.Category;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@link CachePort} on Redis: every protocol step is one Lua script ({@link CacheScripts}), so it
 * is atomic across all service instances. Any Redis failure or timeout surfaces as
 * {@link CacheUnavailableException}; callers fail open to the database. What is read is bound to
 * the server's current life ({@link RedisEpoch}): a read that straddled a change of life is
 * discarded and asked again, since it may have been answered from a restored snapshot.
 */
public final class RedisCache implements CachePort, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisCache.class);

    private final UnifiedJedis redis;
    private final UnifiedJedis patient;
    private final RedisEpoch epoch;
    private final RedisKeys keys;
    private final JsonCodec codec = new JsonCodec();

    /** Never fails because Redis is down: a Redis that is down fails calls (fail open), not startup. */
    public RedisCache(RedisSettings settings) {
        this(settings, change -> {});
    }

    /** @param onNewLife told when Redis is found restarted or failed over (for a log line and a metric) */
    public RedisCache(RedisSettings settings, Consumer<String> onNewLife) {
        this.keys = new RedisKeys(settings.namespace());
        this.epoch = new RedisEpoch(keys, change -> {
            log.warn("{}: entries of its earlier life are ignored from now on", change);
            onNewLife.accept(change);
        });
        this.redis = RedisClients.fast(settings, epoch);
        this.patient = RedisClients.patient(settings, epoch);
    }

    @Override
    public <V> Lookup<V> lookup(CacheKey<V> key, LeaseRequest request) {
        String ttl = Durations.millis(request.ttl(), "lease TTL");
        String entry = keys.entry(key);
        boolean repaired = false;
        while (true) {
            String stored = (String) readInOneLife("lookup", life ->
                    CacheScripts.LOOKUP.run(redis, List.of(entry), List.of(life.tag(), request.token(), ttl)));
            try {
                return StoredLookup.of(key, stored, request.token(), codec);
            } catch (UndecodableValueException e) {
                if (repaired) throw new CacheUnavailableException("Redis holds an undecodable value under " + entry, e);
                // Not what we wrote (corruption, a hand-made key): drop exactly those bytes, then look again.
                log.warn("Discarding undecodable cache value under {}", entry, e);
                call("discard", () -> CacheScripts.DELETE_IF_HOLDS.run(redis, List.of(entry), List.of(stored)));
                repaired = true;
            }
        }
    }

    @Override
    public <V> boolean fill(Lease<V> lease, Optional<V> value, Duration ttl) {
        String ttlMillis = Durations.millis(ttl, "TTL");
        String tag = String.valueOf(value.isPresent() ? StoredValue.VALUE : StoredValue.TOMBSTONE);
        String body = value.map(codec::encode).orElse("");
        Object filled = call("fill", () -> CacheScripts.FILL.run(redis, List.of(keys.entry(lease.key())),
                List.of(lease.token(), tag, body, ttlMillis)));
        return Long.valueOf(1).equals(filled);
    }

    @Override
    public boolean extend(Lease<?> lease, Duration ttl) {
        String ttlMillis = Durations.millis(ttl, "lease TTL");
        Object extended = call("extend", () -> CacheScripts.EXTEND.run(redis, List.of(keys.entry(lease.key())),
                List.of(lease.token(), ttlMillis)));
        return Long.valueOf(1).equals(extended);
    }

    @Override
    public void release(Lease<?> lease) {
        call("release", () -> CacheScripts.RELEASE.run(redis, List.of(keys.entry(lease.key())), List.of(lease.token())));
    }

    @Override
    public long generation(Category category) {
        Object generation = readInOneLife("generation", life ->
                CacheScripts.GENERATION.run(redis, List.of(keys.generation(category)), List.of(Long.toString(life.floorMicros()))));
        return Long.parseLong(generation.toString());
    }

    @Override
    public void invalidate(Invalidation invalidation) {
        invalidate(invalidation, redis);
    }

    @Override
    public void invalidatePatiently(Invalidation invalidation) {
        invalidate(invalidation, patient);
    }

    private void invalidate(Invalidation invalidation, UnifiedJedis client) {
        if (invalidation.isEmpty()) return;
        List<String> scriptKeys = new ArrayList<>();
        invalidation.models().forEach(id -> scriptKeys.add(keys.entry(new ModelKey(id))));
        invalidation.categories().forEach(category -> scriptKeys.add(keys.generation(category)));
        String models = Integer.toString(invalidation.models().size());
        Life life = life(client);
        call("invalidate", () -> CacheScripts.INVALIDATE.run(client, scriptKeys, List.of(models, Long.toString(life.floorMicros()))));
    }

    /** Asks the server which life it is in, on a pooled connection: also notices a restart that kept our connections. */
    @Override
    public void ping() {
        call("ping", () -> {
            epoch.learn(redis::executeCommand);
            return null;
        });
    }

    @Override
    public void close() {
        patient.close();
        redis.close();
    }

    /**
     * Runs a read under the life known before it; if a connection made meanwhile found a new life,
     * the answer may come from the new server but was asked in terms of the old one: ask again.
     */
    private Object readInOneLife(String operation, Function<Life, Object> script) {
        for (int attempt = 1; ; attempt++) {
            Life before = life(redis);
            Object answer = call(operation, () -> script.apply(before));
            if (epoch.current().version() == before.version()) return answer;
            if (attempt == 2) throw new CacheUnavailableException("Redis changed life twice during one " + operation, null);
        }
    }

    /** The current life, connecting first if no connection has been made yet. */
    private Life life(UnifiedJedis client) {
        Life life = epoch.current();
        if (life != null) return life;
        call("connect", client::ping);
        return epoch.current();
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
