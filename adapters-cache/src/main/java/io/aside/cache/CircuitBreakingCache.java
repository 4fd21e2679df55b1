package io.aside.cache;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A {@link CachePort} that stops calling a failing cache for a while. Without it a dead Redis
 * costs every request a full timeout before it fails open to the database; with it, once enough
 * calls have failed, calls fail at once with {@link CacheUnavailableException} until a few probe
 * calls find the cache answering again. One breaker per shard ({@link CacheShards}): a cluster's
 * down master sheds the calls for its slots only.
 */
public final class CircuitBreakingCache implements CachePort {
    private final CachePort delegate;
    private final CacheShards shards;
    private final CircuitBreakerConfig config;
    private final long idleNanos;
    private final Map<Object, Shard> breakers = new ConcurrentHashMap<>();

    /**
     * A shard's breaker, and when a call for the shard last failed or was shed. A shard can stop being
     * called for good: a cluster master that failed over is no longer any slot's master, and its
     * breaker, open since it died, would stay open with nothing to shed. Only refused calls stamp the
     * time: a healthy call writes nothing shared on the hot path.
     */
    private static final class Shard {
        final CircuitBreaker breaker;
        volatile long refusedAt = System.nanoTime();

        Shard(CircuitBreaker breaker) {
            this.breaker = breaker;
        }
    }

    public CircuitBreakingCache(CachePort delegate) {
        this(delegate, CircuitBreakerSettings.defaults());
    }

    public CircuitBreakingCache(CachePort delegate, CircuitBreakerSettings settings) {
        this(delegate, settings, CacheShards.ONE);
    }

    public CircuitBreakingCache(CachePort delegate, CircuitBreakerSettings settings, CacheShards shards) {
        this.delegate = delegate;
        this.shards = shards;
        this.config = config(settings);
        this.idleNanos = settings.waitInOpenState().toNanos();
    }

    private static CircuitBreakerConfig config(CircuitBreakerSettings settings) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRatePercent())
                .slidingWindowType(SlidingWindowType.TIME_BASED)
                .slidingWindowSize((int) settings.window().toSeconds())
                .minimumNumberOfCalls(settings.minimumCalls())
                .waitDurationInOpenState(settings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.probeCalls())
                // Only the cache being unavailable counts; a bad argument says nothing about its health.
                .recordExceptions(CacheUnavailableException.class)
                // Rejections are routine while open: no stack trace to fill each time.
                .writableStackTraceEnabled(false)
                .build();
    }

    @Override
    public <V> Lookup<V> lookup(CacheKey<V> key, LeaseRequest request) {
        return guarded(shards.shardOf(key), () -> delegate.lookup(key, request));
    }

    @Override
    public <V> boolean fill(Lease<V> lease, V value, Duration ttl) {
        return guarded(shards.shardOf(lease.key()), () -> delegate.fill(lease, value, ttl));
    }

    @Override
    public boolean extend(Lease<?> lease, Duration ttl) {
        return guarded(shards.shardOf(lease.key()), () -> delegate.extend(lease, ttl));
    }

    @Override
    public void release(CacheKey<?> key, String token) {
        guarded(shards.shardOf(key), () -> {
            delegate.release(key, token);
            return null;
        });
    }

    /**
     * Each server's part through its own breaker, every part tried even if one fails (healthy
     * masters take theirs); then the first failure is thrown, and the outbox delivers the rest.
     */
    @Override
    public void invalidate(Invalidation invalidation) {
        CacheUnavailableException failed = null;
        for (Map.Entry<Object, Invalidation> part : shards.split(invalidation).entrySet()) {
            try {
                guarded(part.getKey(), () -> {
                    delegate.invalidate(part.getValue());
                    return null;
                });
            } catch (CacheUnavailableException e) {
                if (failed == null) failed = e; else failed.addSuppressed(e);
            }
        }
        if (failed != null) throw failed;
    }

    /** Not through the breaker: a committed write's last attempt must reach Redis if Redis answers at all. */
    @Override
    public void invalidatePatiently(Invalidation invalidation) {
        delegate.invalidatePatiently(invalidation);
    }

    @Override
    public void ping() {
        guarded(shards.everyServer(), () -> {
            delegate.ping();
            return null;
        });
    }

    /**
     * True while calls to some shard are being shed (its breaker is open), or only probing (half-open).
     * A shard with no call refused for the breaker's wait in open state sheds nothing: the next call,
     * if any comes, would be let through to probe.
     */
    public boolean isShedding() {
        long now = System.nanoTime();
        return breakers.values().stream()
                .anyMatch(shard -> shard.breaker.getState() != CircuitBreaker.State.CLOSED && now - shard.refusedAt < idleNanos);
    }

    private <T> T guarded(Object shard, Supplier<T> call) {
        Shard guarded = breakers.computeIfAbsent(shard, server -> new Shard(CircuitBreaker.of("cache " + server, config)));
        try {
            return guarded.breaker.executeSupplier(call);
        } catch (CallNotPermittedException open) {
            guarded.refusedAt = System.nanoTime();
            throw CacheUnavailableException.shed("cache circuit breaker is open: not calling the cache", open);
        } catch (CacheUnavailableException failed) {
            guarded.refusedAt = System.nanoTime();
            throw failed;
        }
    }
}
