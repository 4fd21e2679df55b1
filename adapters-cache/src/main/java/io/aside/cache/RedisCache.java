package io.aside.cache;

import io.aside.cache.EntryCodec.UndecodableValueException;
import io.aside.cache.RedisEpoch.Life;
import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.PageKey;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private final RedisSettings settings;
    private final EntryCodecs codecs = new EntryCodecs();

    /** Never fails because Redis is down: a Redis that is down fails calls (fail open), not startup. */
    public RedisCache(RedisSettings settings) {
        this(settings, change -> {});
    }

    /** @param onNewLife told when Redis is found restarted or failed over (for a log line and a metric) */
    public RedisCache(RedisSettings settings, Consumer<String> onNewLife) {
        this.settings = settings;
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
        EntryCodec<V> codec = codecs.of(key.kind());
        boolean repaired = false;
        while (true) {
            Stored stored = readInOneLife("lookup", life -> key.match(
                    model -> lookupModel(model, life, request.token(), ttl),
                    page -> lookupPage(page, life, request.token(), ttl)));
            try {
                return StoredLookup.of(key, stored.content(), stored.generation(), request.token(), codec);
            } catch (UndecodableValueException e) {
                if (repaired) throw new CacheUnavailableException("Redis holds an undecodable value under " + stored.key(), e);
                // Not what we wrote (corruption, a hand-made key): drop exactly those bytes, then look again.
                log.warn("Discarding undecodable cache value under {}", stored.key(), e);
                call("discard", () -> CacheScripts.DELETE_IF_HOLDS.run(redis, List.of(stored.key()), List.of(stored.content())));
                repaired = true;
            }
        }
    }

    /** What a lookup found under {@code key}, a page's key within {@code generation}. */
    private record Stored(String key, long generation, String content) {}

    private Stored lookupModel(ModelKey model, Life life, String token, String ttl) {
        String entry = keys.model(model);
        return new Stored(entry, 0, (String) CacheScripts.LOOKUP.run(redis, List.of(entry), List.of(life.tag(), token, ttl)));
    }

    private Stored lookupPage(PageKey page, Life life, String token, String ttl) {
        List<?> reply = (List<?>) CacheScripts.LOOKUP_PAGE.run(redis, List.of(keys.generation(page.category())),
                List.of(life.tag(), token, ttl, Long.toString(life.floorMicros()), keys.pageBefore(page), keys.pageAfter(page)));
        long generation = Long.parseLong(reply.get(0).toString());
        return new Stored(keys.page(page, generation), generation, reply.get(1).toString());
    }

    @Override
    public <V> boolean fill(Lease<V> lease, V value, Duration ttl) {
        String ttlMillis = Durations.millis(ttl, "TTL");
        EntryCodec.Encoded encoded = codecs.of(lease.key().kind()).encode(value);
        LeaseScope scope = scope(lease);
        Object filled = call("fill", () -> CacheScripts.FILL.run(redis, scope.keys(),
                scope.args(lease.token(), String.valueOf(encoded.tag()), encoded.body(), ttlMillis)));
        return Long.valueOf(1).equals(filled);
    }

    @Override
    public boolean extend(Lease<?> lease, Duration ttl) {
        String ttlMillis = Durations.millis(ttl, "lease TTL");
        LeaseScope scope = scope(lease);
        Object extended = call("extend", () -> CacheScripts.EXTEND.run(redis, scope.keys(), scope.args(lease.token(), ttlMillis)));
        return Long.valueOf(1).equals(extended);
    }

    @Override
    public void release(CacheKey<?> key, String token) {
        call("release", () -> key.match(
                model -> CacheScripts.RELEASE.run(redis, List.of(keys.model(model)), List.of(token)),
                page -> CacheScripts.RELEASE_PAGE.run(redis, List.of(keys.generation(page.category())),
                        List.of(token, keys.pageBefore(page), keys.pageAfter(page)))));
    }

    /**
     * The keys a script on a lease's entry touches, and the arguments that end its argument list: a
     * page's lease acts only while its category is still in the lease's generation.
     */
    private record LeaseScope(List<String> keys, List<String> generation) {
        List<String> args(String... leading) {
            List<String> args = new ArrayList<>(List.of(leading));
            args.addAll(generation);
            return args;
        }
    }

    private LeaseScope scope(Lease<?> lease) {
        return lease.key().match(
                model -> new LeaseScope(List.of(keys.model(model)), List.of()),
                page -> new LeaseScope(List.of(keys.page(page, lease.generation()), keys.generation(page.category())),
                        List.of(Long.toString(lease.generation()))));
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
        invalidation.models().forEach(id -> scriptKeys.add(keys.model(new ModelKey(id))));
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

    /**
     * A near cache in front of {@code guarded} — this cache as the wiring uses it (behind a circuit
     * breaker, say) — kept strict across instances through this Redis. Close it before this cache.
     */
    public NearCache withNearCache(CachePort guarded, NearCacheSettings near, NearCacheObserver observer) {
        NearEntries entries = new NearEntries(near);
        ServingLease lease = new ServingLease(near);
        RedisNearCacheBus bus = new RedisNearCacheBus(settings, redis, patient, keys, () -> life(redis).floorMicros(),
                entries, lease, near, observer);
        return new NearCache(guarded, entries, lease, bus, near);
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
    private <T> T readInOneLife(String operation, Function<Life, T> script) {
        for (int attempt = 1; ; attempt++) {
            Life before = life(redis);
            T answer = call(operation, () -> script.apply(before));
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
