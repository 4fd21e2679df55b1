package io.aside.cache;

import static io.aside.cache.CachePortContract.key;
import static io.aside.cache.CachePortContract.leaseOf;
import static io.aside.cache.CachePortContract.request;
import static io.aside.cache.TestRedis.firstAnswer;
import static io.aside.cache.TestRedis.firstSuccess;
import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis answering later than the production 50 ms command timeout, on a server of this class's own
 * (it is frozen and paused): a lookup whose reply was lost may still have taken the lease, and asking
 * again with the same token must find it ours (DESIGN §3.1); an invalidation that times out is
 * delivered by the patient client, which waits up to the 1 s write timeout. The cache runs with the
 * production timeouts; steps that only prepare or observe are asked again if a reply comes late on
 * this busy machine, under the same token, which is what this class proves safe.
 */
class RedisLostReplyTest {
    @AutoClose static final RedisServer SERVER = TestServers.dedicatedRedis();
    static final Duration LEASE_TTL = Duration.ofSeconds(30);
    static final Duration TTL = Duration.ofMinutes(5);
    /** Longer than the command timeout, well within the write timeout. */
    static final Duration SLOW = Duration.ofMillis(300);

    final RedisNamespace redis = RedisNamespace.fresh(SERVER);
    @AutoClose final RedisCache cache = new RedisCache(redis.defaults());

    /** A pooled connection and the scripts loaded: the lookup under test is then one round trip. */
    @BeforeEach
    void warmUp() {
        LeaseRequest warmUp = request(LEASE_TTL);
        firstAnswer(() -> cache.lookup(key(1000), warmUp));
    }

    @Test
    void givenLookupWhoseReplyWasLost_whenRetriedWithTheSameToken_thenLeasedAndAnotherTokenIsBusy() {
        LeaseRequest lost = lookupWhoseReplyIsLost(key(1));
        LeaseRequest other = request(LEASE_TTL);

        assertThat(firstAnswer(() -> cache.lookup(key(1), lost))).isEqualTo(new Lookup.Leased<>(new Lease<>(key(1), lost.token(), 0)));
        assertThat(firstAnswer(() -> cache.lookup(key(1), other))).isInstanceOf(Lookup.Busy.class);
    }

    @Test
    void givenLookupWhoseReplyWasLost_whenItsLeaseIsReleasedByToken_thenAnotherReaderLeasesAtOnce() {
        LeaseRequest lost = lookupWhoseReplyIsLost(key(2));
        LeaseRequest other = request(LEASE_TTL);

        firstSuccess(() -> cache.release(key(2), lost.token()));

        assertThat(firstAnswer(() -> cache.lookup(key(2), other))).isInstanceOf(Lookup.Leased.class);
    }

    @Test
    void givenRedisSlowerThanTheCommandTimeout_whenInvalidated_thenUnavailable() {
        Invalidation invalidation = new Invalidation(Set.of(new ModelId(3)), Set.of());

        pauseWrites(SLOW);

        assertThatThrownBy(() -> cache.invalidate(invalidation)).isInstanceOf(CacheUnavailableException.class);
    }

    @Test
    void givenRedisSlowerThanTheCommandTimeout_whenInvalidatedPatiently_thenItWaitsAndAppliesInFull() {
        Category category = new Category("slow");
        cacheModel(model(4, "slow"));
        long generation = firstAnswer(() -> GenerationProbe.of(cache, category));

        pauseWrites(SLOW);
        cache.invalidatePatiently(new Invalidation(Set.of(new ModelId(4)), Set.of(category)));

        assertThat(redis.stored(key(4))).isNull();
        assertThat(firstAnswer(() -> GenerationProbe.of(cache, category))).isGreaterThan(generation);
    }

    /**
     * Sends a lookup under a new token while Redis is frozen (SIGSTOP): the command waits in the
     * socket, the call times out, and once Redis runs again it executes the command and takes the
     * lease for that token, answering a caller that has gone. Returns, once the lease is in Redis,
     * the request the lost lookup was sent with.
     */
    private LeaseRequest lookupWhoseReplyIsLost(ModelKey key) {
        LeaseRequest request = request(LEASE_TTL);
        SERVER.pause();
        try {
            assertThatThrownBy(() -> cache.lookup(key, request)).isInstanceOf(CacheUnavailableException.class);
        } finally {
            SERVER.resume();
        }
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> StoredFormat.lease(redis.life(), request.token()).equals(redis.stored(key)));
        return request;
    }

    /** Redis holds every write command (scripts included) for {@code duration}; reads go on. */
    private static void pauseWrites(Duration duration) {
        SERVER.command("CLIENT", "PAUSE", Long.toString(duration.toMillis()), "WRITE");
    }

    /** Caches {@code model}, asking again under the same token until Redis has it. */
    private void cacheModel(Model model) {
        LeaseRequest request = request(LEASE_TTL);
        ModelKey key = key(model.id().value());
        await().atMost(Duration.ofSeconds(10)).ignoreException(CacheUnavailableException.class).until(() -> {
            Lookup<Presence<Model>> lookup = cache.lookup(key, request);
            if (lookup instanceof Lookup.Hit<Presence<Model>> hit) return hit.value().equals(Presence.of(model));
            cache.fill(leaseOf(lookup), Presence.of(model), TTL);
            return false;
        });
    }
}
