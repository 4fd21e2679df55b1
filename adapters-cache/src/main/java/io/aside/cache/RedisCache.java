package io.aside.cache;

import io.aside.cache.EntryCodec.UndecodableValueException;
import io.aside.cache.RedisEntryScripts.Stored;
import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import java.time.Duration;
import java.util.function.Consumer;
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
 * discarded and asked again, since it may have been answered from a restored snapshot. On a Redis
 * Cluster each master's life binds what it serves ({@link RedisDeployment}).
 */
public final class RedisCache implements CachePort, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisCache.class);

    private final RedisDeployment deployment;
    private final RedisSettings settings;
    private final EntryCodecs codecs = new EntryCodecs();
    private final RedisEntryScripts scripts;

    /** Never fails because Redis is down: a Redis that is down fails calls (fail open), not startup. */
    public RedisCache(RedisSettings settings) {
        this(settings, change -> {});
    }

    /** @param onNewLife told when Redis is found restarted or failed over (for a log line and a metric) */
    public RedisCache(RedisSettings settings, Consumer<String> onNewLife) {
        this.settings = settings;
        this.deployment = RedisDeployment.of(settings, change -> {
            log.warn("{}: entries of its earlier life are ignored from now on", change);
            onNewLife.accept(change);
        });
        this.scripts = new RedisEntryScripts(deployment.keys(), deployment::slotOf);
    }

    @Override
    public <V> Lookup<V> lookup(CacheKey<V> key, LeaseRequest request) {
        String ttl = Durations.millis(request.ttl(), "lease TTL");
        EntryCodec<V> codec = codecs.of(key.kind());
        boolean repaired = false;
        while (true) {
            Stored stored = call("lookup", () -> deployment.read(life -> scripts.lookup(deployment.fast(), key, life, request.token(), ttl)));
            try {
                return StoredLookup.of(key, stored.content(), stored.generation(), request.token(), codec);
            } catch (UndecodableValueException e) {
                if (repaired) throw new CacheUnavailableException("Redis holds an undecodable value under " + stored.key(), e);
                // Not what we wrote (corruption, a hand-made key): drop exactly those bytes, then look again.
                log.warn("Discarding undecodable cache value under {}", stored.key(), e);
                call("discard", () -> scripts.discard(deployment.fast(), stored));
                repaired = true;
            }
        }
    }

    @Override
    public <V> boolean fill(Lease<V> lease, V value, Duration ttl) {
        String ttlMillis = Durations.millis(ttl, "TTL");
        EntryCodec.Encoded encoded = codecs.of(lease.key().kind()).encode(value);
        return Long.valueOf(1).equals(call("fill", () -> scripts.fill(deployment.fast(), lease, encoded, ttlMillis)));
    }

    @Override
    public boolean extend(Lease<?> lease, Duration ttl) {
        String ttlMillis = Durations.millis(ttl, "lease TTL");
        return Long.valueOf(1).equals(call("extend", () -> scripts.extend(deployment.fast(), lease, ttlMillis)));
    }

    @Override
    public void release(CacheKey<?> key, String token) {
        call("release", () -> scripts.release(deployment.fast(), key, token));
    }

    @Override
    public void invalidate(Invalidation invalidation) {
        invalidate(invalidation, false);
    }

    @Override
    public void invalidatePatiently(Invalidation invalidation) {
        invalidate(invalidation, true);
    }

    private void invalidate(Invalidation invalidation, boolean patiently) {
        if (invalidation.isEmpty()) return;
        call("invalidate", () -> {
            UnifiedJedis client = patiently ? deployment.patient() : deployment.fast();
            scripts.invalidate(client, invalidation, deployment.life(client));
            return null;
        });
    }

    /** Asks the server (every master of a cluster) which life it is in: also notices a restart that kept our connections. */
    @Override
    public void ping() {
        call("ping", () -> {
            deployment.ping();
            return null;
        });
    }

    /** How this cache's entries spread over servers that fail on their own, for a breaker per server. */
    public CacheShards shards() {
        return deployment.shards(scripts::entryKey);
    }

    /**
     * A near cache in front of {@code guarded} — this cache as the wiring uses it (behind a circuit
     * breaker, say) — kept strict across instances through this Redis. Close it before this cache.
     */
    public NearCache withNearCache(CachePort guarded, NearCacheSettings near, NearCacheObserver observer) {
        NearEntries entries = new NearEntries(near);
        ServingLease lease = new ServingLease(near);
        RedisNearCacheBus bus = new RedisNearCacheBus(settings, deployment, entries, lease, near, observer);
        return new NearCache(guarded, entries, lease, bus, near);
    }

    @Override
    public void close() {
        deployment.close();
    }

    /** The one place Jedis failures (refused, timed out, pool exhausted, error replies) become the port's exception. */
    static <T> T call(String operation, Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisException e) {
            throw new CacheUnavailableException("Redis " + operation + " failed: " + e.getMessage(), e);
        }
    }
}
