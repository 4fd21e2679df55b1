package io.aside.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CircuitBreakingCacheTest {
    static final ModelKey KEY = new ModelKey(new ModelId(1));
    static final Duration WAIT_IN_OPEN = Duration.ofMillis(200);
    static final LeaseRequest REQUEST = new LeaseRequest("token", Duration.ofSeconds(1));
    static final Invalidation INVALIDATION = new Invalidation(Set.of(new ModelId(1)), Set.of(new Category("c")));

    final FlakyCache delegate = new FlakyCache();
    /** Opens once 4 of the last 4 calls have half failed; probes with 2 calls after 200 ms. */
    final CircuitBreakingCache cache = new CircuitBreakingCache(delegate, new CircuitBreakerSettings(50, Duration.ofSeconds(10), 4, WAIT_IN_OPEN, 2));

    @Test
    void givenHealthyCache_whenCalled_thenCallsPassThroughAndHealthIsUp() {
        assertThat(cache.lookup(KEY, REQUEST)).isInstanceOf(Lookup.Busy.class);
        cache.ping();

        assertThat(delegate.calls).hasValue(2);
        assertThat(cache.isShedding()).isFalse();
    }

    @Test
    void givenFailingCache_whenEnoughCallsFail_thenItOpensAndFailsFastWithoutCallingTheCache() {
        openTheBreaker();
        int callsWhenOpened = delegate.calls.get();

        assertThat(cache.isShedding()).isTrue();
        for (int i = 0; i < 100; i++) {
            assertShed(() -> cache.lookup(KEY, REQUEST));
        }
        assertThat(delegate.calls).hasValue(callsWhenOpened);
    }

    @Test
    void givenOpen_whenTheCacheRecovers_thenProbesCloseItAgain() {
        openTheBreaker();
        delegate.down = false;

        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            try {
                cache.ping();
            } catch (CacheUnavailableException stillOpen) {
                // shed until the wait in the open state is over
            }
            assertThat(cache.isShedding()).isFalse();
        });
        assertThat(cache.lookup(KEY, REQUEST)).isInstanceOf(Lookup.Busy.class);
    }

    @Test
    void givenOpen_whenProbesStillFail_thenItOpensAgain() throws InterruptedException {
        openTheBreaker();
        Thread.sleep(WAIT_IN_OPEN.plusMillis(50).toMillis());
        int before = delegate.calls.get();

        assertThatThrownBy(cache::ping).isInstanceOf(CacheUnavailableException.class);
        assertThatThrownBy(cache::ping).isInstanceOf(CacheUnavailableException.class);

        assertThat(delegate.calls.get() - before).isEqualTo(2);
        assertThatThrownBy(cache::ping).hasMessageContaining("circuit breaker is open");
        assertThat(delegate.calls.get() - before).isEqualTo(2);
    }

    @Test
    void givenBadArgumentsRejectedByTheCache_thenTheyDoNotCountAsFailures() {
        delegate.rejectArguments = true;
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> cache.lookup(KEY, new LeaseRequest("token", Duration.ZERO))).isInstanceOf(IllegalArgumentException.class);
        }

        assertThat(cache.isShedding()).isFalse();
    }

    @Test
    void givenFillExtendReleaseAndInvalidations_whenHealthy_thenEachReachesTheCache() {
        Lease<Presence<Model>> lease = new Lease<>(KEY, "t", 0);
        assertThat(cache.fill(lease, Presence.absent(), Duration.ofSeconds(1))).isTrue();
        assertThat(cache.extend(lease, Duration.ofSeconds(1))).isTrue();
        cache.release(KEY, "t");
        cache.invalidate(INVALIDATION);
        cache.invalidatePatiently(INVALIDATION);

        assertThat(delegate.calls).hasValue(5);
        assertThat(delegate.patientInvalidations).hasValue(1);
    }

    @Test
    void givenFailingCache_whenACallFails_thenTheFailureIsNotMarkedShed() {
        delegate.down = true;

        assertFailedUnshed(() -> cache.lookup(KEY, REQUEST));
    }

    @Test
    void givenOpen_whenExtendCalled_thenShedLikeTheOtherCalls() {
        openTheBreaker();
        int callsWhenOpened = delegate.calls.get();

        assertShed(() -> cache.extend(new Lease<>(KEY, "t", 0), Duration.ofSeconds(1)));
        assertThat(delegate.calls).hasValue(callsWhenOpened);
    }

    @Test
    void givenOpen_whenInvalidatedPatiently_thenTheCallStillReachesTheCache() {
        openTheBreaker();
        delegate.down = false;
        assertThat(cache.isShedding()).isTrue();

        cache.invalidatePatiently(INVALIDATION);

        assertThat(delegate.patientInvalidations).hasValue(1);
        assertThat(delegate.lastInvalidation).isEqualTo(INVALIDATION);
    }

    @Test
    void givenPatientInvalidationsFailing_whenCalled_thenTheFailureSurfacesUnshedAndTheBreakerStaysClosed() {
        delegate.down = true;
        for (int i = 0; i < 10; i++) {
            assertFailedUnshed(() -> cache.invalidatePatiently(INVALIDATION));
        }

        assertThat(delegate.patientInvalidations).hasValue(10);
        assertThat(cache.isShedding()).isFalse();
    }

    /** Takes the cache down and fails the four calls that open the breaker; the cache stays down. */
    private void openTheBreaker() {
        delegate.down = true;
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(cache::ping).isInstanceOf(CacheUnavailableException.class);
        }
    }

    /** Refused by the open breaker, marked shed so that callers can tell it from the cache failing. */
    private static void assertShed(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(CacheUnavailableException.class).hasMessageContaining("circuit breaker is open")
                .satisfies(e -> assertThat(((CacheUnavailableException) e).shed()).isTrue());
    }

    /** The cache itself failed: not marked shed. */
    private static void assertFailedUnshed(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(CacheUnavailableException.class)
                .satisfies(e -> assertThat(((CacheUnavailableException) e).shed()).isFalse());
    }

    /** A cache that can be switched off. */
    static final class FlakyCache implements CachePort {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger patientInvalidations = new AtomicInteger();
        volatile Invalidation lastInvalidation;
        volatile boolean down;
        volatile boolean rejectArguments;

        private void call() {
            calls.incrementAndGet();
            if (rejectArguments) throw new IllegalArgumentException("bad TTL");
            if (down) throw new CacheUnavailableException("down", null);
        }

        @Override
        public <V> Lookup<V> lookup(CacheKey<V> key, LeaseRequest request) {
            call();
            return new Lookup.Busy<>();
        }

        @Override
        public <V> boolean fill(Lease<V> lease, V value, Duration ttl) {
            call();
            return true;
        }

        @Override
        public boolean extend(Lease<?> lease, Duration ttl) {
            call();
            return true;
        }

        @Override
        public void release(CacheKey<?> key, String token) {
            call();
        }

        @Override
        public void invalidate(Invalidation invalidation) {
            call();
            lastInvalidation = invalidation;
        }

        @Override
        public void invalidatePatiently(Invalidation invalidation) {
            patientInvalidations.incrementAndGet();
            call();
            lastInvalidation = invalidation;
        }

        @Override
        public void ping() {
            call();
        }
    }
}
