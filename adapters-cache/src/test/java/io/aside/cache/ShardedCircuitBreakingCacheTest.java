package io.aside.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A breaker per shard: a cluster master that is down sheds the calls for its slots only. */
class ShardedCircuitBreakingCacheTest {
    static final LeaseRequest REQUEST = new LeaseRequest("token", Duration.ofSeconds(1));
    static final ModelKey ON_DOWN_SHARD = key(1);
    static final ModelKey ON_HEALTHY_SHARD = key(2);

    /** Two shards by model id parity, as two masters by slot; categories live on the even one. */
    final ShardedFlakyCache delegate = new ShardedFlakyCache();
    final CircuitBreakingCache cache = new CircuitBreakingCache(delegate,
            new CircuitBreakerSettings(50, Duration.ofSeconds(10), 4, Duration.ofSeconds(30), 2), new ByParity());

    @Test
    void givenOneShardDown_whenItsBreakerOpens_thenItsCallsAreShedAndTheOtherShardsStillReachTheCache() {
        for (int i = 0; i < 4; i++) assertThatThrownBy(() -> cache.lookup(ON_DOWN_SHARD, REQUEST)).isInstanceOf(CacheUnavailableException.class);
        int callsWhenOpened = delegate.calls;

        assertThatThrownBy(() -> cache.lookup(ON_DOWN_SHARD, REQUEST))
                .isInstanceOfSatisfying(CacheUnavailableException.class, e -> assertThat(e.shed()).isTrue());
        assertThat(delegate.calls).as("the down shard is not called while its breaker is open").isEqualTo(callsWhenOpened);
        for (int i = 0; i < 20; i++) assertThat(cache.lookup(ON_HEALTHY_SHARD, REQUEST)).isInstanceOf(Lookup.Busy.class);
        assertThat(cache.isShedding()).as("some shard is shed: health says so").isTrue();
    }

    @Test
    void givenShardNoLongerCalled_whenItsBreakerStaysOpen_thenNothingCountsAsShedOnceItsWaitHasPassed() throws InterruptedException {
        // A master that failed over: its breaker opened while it was down, then no slot mapped to it any more.
        Duration wait = Duration.ofMillis(200);
        CircuitBreakingCache failedOver = new CircuitBreakingCache(delegate, new CircuitBreakerSettings(50, Duration.ofSeconds(10), 4, wait, 2),
                new ByParity());
        for (int i = 0; i < 4; i++) assertThatThrownBy(() -> failedOver.lookup(ON_DOWN_SHARD, REQUEST)).isInstanceOf(CacheUnavailableException.class);
        assertThat(failedOver.isShedding()).as("just opened").isTrue();

        long until = System.nanoTime() + wait.toNanos() + Duration.ofMillis(50).toNanos();
        while (System.nanoTime() < until) {
            failedOver.lookup(ON_HEALTHY_SHARD, REQUEST);
            Thread.sleep(10);
        }

        assertThat(failedOver.isShedding()).as("an open breaker nobody calls sheds nothing").isFalse();
        assertThatThrownBy(() -> failedOver.lookup(ON_DOWN_SHARD, REQUEST)).isInstanceOf(CacheUnavailableException.class);
        assertThat(failedOver.isShedding()).as("called again, and still down: shedding again").isTrue();
    }

    @Test
    void givenInvalidationSpanningShards_whenOneShardIsDown_thenTheHealthyPartIsDeliveredAndTheFailureSurfaces() {
        Invalidation invalidation = new Invalidation(Set.of(new ModelId(1), new ModelId(2), new ModelId(4)), Set.of(new Category("c")));

        assertThatThrownBy(() -> cache.invalidate(invalidation)).isInstanceOf(CacheUnavailableException.class);

        assertThat(delegate.delivered).containsExactly(new Invalidation(Set.of(new ModelId(2), new ModelId(4)), Set.of(new Category("c"))));
    }

    @Test
    void givenEveryShardHealthy_whenInvalidated_thenEachShardGetsItsPartOnce() {
        delegate.down = false;
        Invalidation invalidation = new Invalidation(Set.of(new ModelId(1), new ModelId(2)), Set.of(new Category("c")));

        cache.invalidate(invalidation);

        assertThat(delegate.delivered).containsExactlyInAnyOrder(
                new Invalidation(Set.of(new ModelId(1)), Set.of()),
                new Invalidation(Set.of(new ModelId(2)), Set.of(new Category("c"))));
    }

    static ModelKey key(long id) {
        return new ModelKey(new ModelId(id));
    }

    static final class ByParity implements CacheShards {
        @Override
        public Object shardOf(CacheKey<?> key) {
            return key.match(model -> model.id().value() % 2, page -> 0L);
        }

        @Override
        public Map<Object, Invalidation> split(Invalidation invalidation) {
            return invalidation.splitBy(id -> (Object) (id.value() % 2), category -> 0L);
        }

        @Override
        public Object everyServer() {
            return "every";
        }
    }

    /** A cache whose odd model ids live on a shard that is down while {@code down}. */
    static final class ShardedFlakyCache implements CachePort {
        final List<Invalidation> delivered = new ArrayList<>();
        volatile boolean down = true;
        int calls;

        @Override
        public <V> Lookup<V> lookup(CacheKey<V> key, LeaseRequest request) {
            calls++;
            if (down && key.match(model -> model.id().value() % 2 == 1, page -> false)) throw new CacheUnavailableException("down", null);
            return new Lookup.Busy<>();
        }

        @Override
        public void invalidate(Invalidation invalidation) {
            if (down && invalidation.models().stream().anyMatch(id -> id.value() % 2 == 1)) throw new CacheUnavailableException("down", null);
            delivered.add(invalidation);
        }

        @Override
        public <V> boolean fill(Lease<V> lease, V value, Duration ttl) {
            return true;
        }

        @Override
        public boolean extend(Lease<?> lease, Duration ttl) {
            return true;
        }

        @Override
        public void release(CacheKey<?> key, String token) {}

        @Override
        public void invalidatePatiently(Invalidation invalidation) {
            invalidate(invalidation);
        }

        @Override
        public void ping() {}
    }
}
