package io.aside.cache;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.ForwardingCache;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.testing.RedisServer;
import io.aside.testing.TcpProxy;
import io.aside.testing.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances' near caches over one Redis (DESIGN §3.3), besides {@link TwoNearCaches}: an
 * instance that does not answer holds a write up for at most its serving lease, and has stopped
 * serving by then; a write Redis refuses is still announced.
 */
class NearCacheAcrossInstancesTest extends TwoNearCaches {
    static final RedisServer SERVER = TestServers.redis();
    static final Duration LEASE = NearCacheSettings.DEFAULT_SERVING_LEASE;
    static final ModelKey KEY = new ModelKey(new ModelId(1));

    private final String namespace = SERVER.freshNamespace();
    private final TcpProxy toRedisOfB = TcpProxy.start(SERVER.host(), SERVER.port());
    private final Instance a = new Instance(TestRedis.defaults(SERVER, namespace));
    private final Instance b = new Instance(new RedisSettings(toRedisOfB.host(), toRedisOfB.port(), null, 0, namespace,
            RedisSettings.DEFAULT_CONNECT_TIMEOUT, RedisSettings.DEFAULT_COMMAND_TIMEOUT, RedisSettings.DEFAULT_WRITE_TIMEOUT));

    @Override
    Instance a() {
        return a;
    }

    @Override
    Instance b() {
        return b;
    }

    @Override
    void killSubscriptions() {
        SERVER.command("CLIENT", "KILL", "TYPE", "pubsub");
    }

    @AfterEach
    void close() {
        b.close();
        a.close();
        toRedisOfB.close();
    }

    @Test
    void givenAnInstanceCutOffFromRedis_whenAnotherWrites_thenTheWriteWaitsAtMostOneLeaseAndTheCutOffOneHasStoppedServing() {
        Model old = model(1, "c", 1);
        a.cache(old);
        b.awaitNearHit(old);
        toRedisOfB.freeze(); // B hears nothing and renews nothing from now on, and does not know it yet

        long start = System.nanoTime();
        a.near.invalidate(Invalidation.of(List.of(old)));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(waited).as("the write waited for B's lease, no longer").isLessThan(LEASE.plusMillis(500));
        assertThat(b.near.serving()).as("B stopped serving from memory before the write returned").isFalse();
        Model updated = model(1, "c", 2);
        a.cache(updated);

        toRedisOfB.thaw();
        NearCacheTest.awaitServing(b.near);
        assertThat(b.lookup()).as("B after it came back").isEqualTo(new Lookup.Hit<>(Presence.of(updated)));
    }

    @Test
    void givenRedisRefusingAWritersInvalidation_whenItsLastAttemptFails_thenItIsAnnouncedAnywayAndTheWriteWaitsOneLease() {
        Model old = model(1, "c", 1);
        Instance writer = new Instance(TestRedis.defaults(SERVER, namespace), RefusingInvalidations::new);
        try {
            a.cache(old);
            b.awaitNearHit(old);

            long start = System.nanoTime();
            assertThatThrownBy(() -> writer.near.invalidatePatiently(Invalidation.of(List.of(old))))
                    .isInstanceOf(CacheUnavailableException.class);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(waited).as("the write waited one lease: relays must find its outbox entry first").isGreaterThanOrEqualTo(LEASE);
            assertThat(b.near.serving()).as("B still serves from memory: its lease is renewed").isTrue();
            long hits = b.near.stats().hits();
            b.lookup();
            assertThat(b.near.stats().hits()).as("B dropped the model from memory when the invalidation was announced").isEqualTo(hits);
        } finally {
            writer.close();
        }
    }

    /** A cache whose entry server refuses invalidations, as a cluster master that is down while the near cache's is up. */
    private static final class RefusingInvalidations extends ForwardingCache {
        RefusingInvalidations(CachePort delegate) {
            super(delegate);
        }

        @Override
        public void invalidate(Invalidation invalidation) {
            invalidatePatiently(invalidation);
        }

        @Override
        public void invalidatePatiently(Invalidation invalidation) {
            throw new CacheUnavailableException("the entry's master is down", null);
        }
    }

    /** One service instance: its Redis cache and the near cache in front of it. */
    static final class Instance implements AutoCloseable {
        final RedisCache redis;
        final NearCache near;

        Instance(RedisSettings settings) {
            this(settings, redis -> redis);
        }

        /** @param guarded what the near cache fronts, made of the instance's Redis cache */
        Instance(RedisSettings settings, Function<RedisCache, CachePort> guarded) {
            redis = new RedisCache(settings);
            near = redis.withNearCache(guarded.apply(redis), NearCacheSettings.ofSize(1 << 20), NearCacheObserver.NONE);
            NearCacheTest.awaitServing(near);
        }

        Lookup<Presence<Model>> lookup() {
            return near.lookup(KEY, new LeaseRequest(UUID.randomUUID().toString(), Duration.ofSeconds(5)));
        }

        void cache(Model model) {
            CachePortContract.fillOn(near, KEY, Presence.of(model));
        }

        /** Reads until the model is answered from memory (the first read fetches it from Redis). */
        void awaitNearHit(Model model) {
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                long hits = near.stats().hits();
                return lookup().equals(new Lookup.Hit<>(Presence.of(model))) && near.stats().hits() > hits;
            });
        }

        @Override
        public void close() {
            near.close();
            redis.close();
        }
    }
}
