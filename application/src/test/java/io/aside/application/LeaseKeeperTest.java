package io.aside.application;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.aside.application.Outcome.Source;
import io.aside.domain.cache.EntryKind;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A slow load keeps its lease (DESIGN §3.1), and the keeper's loop outlives every failure. */
class LeaseKeeperTest {
    private static final ModelKey KEY = new ModelKey(new ModelId(1));
    private static final Lease<Presence<Model>> LEASE = new Lease<>(KEY, "ours", 0);
    private static final Duration SHORT_TTL = Duration.ofMillis(60);

    private final CachePort cache = mock(CachePort.class);
    private final CacheMetrics metrics = mock(CacheMetrics.class);
    private final LeaseKeeper keeper = new LeaseKeeper(cache, metrics, Duration.ofMillis(5));

    @AfterEach
    void stopKeeper() {
        keeper.close();
    }

    @Test
    void givenALoadOutlastingTheLeaseTtl_whenLoading_thenTheLeaseIsExtendedMeanwhileAndTheFillLands() {
        CountDownLatch extended = countedRenewals(3); // three renewals: the load has outlived the lease's own TTL
        when(cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Leased<>(LEASE));
        when(cache.extend(LEASE, SHORT_TTL)).thenReturn(true);
        when(cache.fill(eq(LEASE), any(), any())).thenReturn(true);

        Outcome<Presence<Model>> outcome = protocol(SHORT_TTL).run(new ModelKey(new ModelId(1)), () -> {
            Latches.await(extended);
            return Presence.of(model(1, "c"));
        });

        assertThat(outcome.source()).isEqualTo(Source.FILLED);
        verify(cache, atLeast(3)).extend(LEASE, SHORT_TTL);
        verify(metrics, atLeast(3)).leaseExtended(EntryKind.MODEL);
    }

    @Test
    void givenALoadShorterThanAThirdOfTheTtl_whenLoading_thenNoExtendCall() {
        when(cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Leased<>(LEASE));
        when(cache.fill(eq(LEASE), any(), any())).thenReturn(true);

        Outcome<Presence<Model>> outcome = protocol(CachePolicy.DEFAULT_LEASE_TTL).run(new ModelKey(new ModelId(1)), () -> Presence.of(model(1, "c")));

        assertThat(outcome.source()).isEqualTo(Source.FILLED);
        verify(cache, never()).extend(any(), any());
    }

    @Test
    void givenExtendThrows_whenTheNextPeriodComes_thenItExtendsAgain() {
        CountDownLatch extended = countedRenewals(1);
        when(cache.extend(LEASE, SHORT_TTL))
                .thenThrow(new IllegalStateException("a bug in the adapter"))
                .thenThrow(new CacheUnavailableException("timed out", null))
                .thenReturn(true);

        try (LeaseKeeper.Renewal renewal = keeper.keepAlive(LEASE, SHORT_TTL)) {
            Latches.await(extended);
        }

        verify(cache, atLeast(3)).extend(LEASE, SHORT_TTL);
        verify(metrics, times(2)).cacheError("extend");
    }

    @Test
    void givenTheLeaseIsLost_whenExtendAnswersFalse_thenTheRenewalStops() {
        Lease<Presence<Model>> lost = new Lease<>(KEY, "lost", 0);
        Lease<Presence<Model>> witness = new Lease<>(new ModelKey(new ModelId(2)), "witness", 0);
        Duration ttl = Duration.ofMillis(150);
        CountDownLatch witnessed = new CountDownLatch(3);
        when(cache.extend(lost, ttl)).thenReturn(false);
        when(cache.extend(witness, ttl)).thenAnswer(invocation -> {
            witnessed.countDown();
            return true;
        });

        keeper.keepAlive(lost, ttl);
        // Same period, started later, on the keeper's one thread: by its third renewal, a live
        // renewal of the lost lease would have run at least twice.
        try (LeaseKeeper.Renewal clock = keeper.keepAlive(witness, ttl)) {
            Latches.await(witnessed);
        }

        verify(cache, times(1)).extend(lost, ttl);
    }

    @Test
    void givenRenewalsRunning_whenTheKeeperCloses_thenItsThreadEndsAndNothingMoreIsSent() throws InterruptedException {
        AtomicReference<Thread> keeperThread = new AtomicReference<>();
        CountDownLatch extended = new CountDownLatch(1);
        when(cache.extend(LEASE, SHORT_TTL)).thenAnswer(invocation -> {
            keeperThread.set(Thread.currentThread());
            extended.countDown();
            return true;
        });
        keeper.keepAlive(LEASE, SHORT_TTL);
        Latches.await(extended);

        keeper.close();
        keeperThread.get().join(Duration.ofSeconds(Latches.PATIENCE_SECONDS).toMillis());
        keeper.releaseLater(KEY, LEASE.token(), SHORT_TTL);

        assertThat(keeperThread.get().isAlive()).isFalse();
        verify(cache, never()).release(any(), any());
    }

    @Test
    void givenReleaseFails_whenReleasedLater_thenTheFailureIsCountedAndTheReleaseTriedAgainUntilItGoesThrough() {
        doThrow(new CacheUnavailableException("timed out", null)).doThrow(new CacheUnavailableException("timed out", null))
                .doNothing().when(cache).release(KEY, LEASE.token());

        keeper.releaseLater(KEY, LEASE.token(), Duration.ofSeconds(10));

        verify(cache, timeout(2_000).times(3)).release(KEY, LEASE.token());
        verify(metrics, times(2)).cacheError("release");
    }

    @Test
    void givenReleaseKeepsFailing_whenTheLeaseHasRunOut_thenTheKeeperStopsTrying() {
        doThrow(new CacheUnavailableException("down", null)).when(cache).release(KEY, LEASE.token());

        keeper.releaseLater(KEY, LEASE.token(), LeaseKeeper.RELEASE_RETRY.multipliedBy(3));

        verify(cache, after(1_000).atMost(4)).release(KEY, LEASE.token());
    }

    /** Counts down once per successful renewal, as reported to the metrics after the cache said yes. */
    private CountDownLatch countedRenewals(int count) {
        CountDownLatch renewed = new CountDownLatch(count);
        doAnswer(invocation -> {
            renewed.countDown();
            return null;
        }).when(metrics).leaseExtended(EntryKind.MODEL);
        return renewed;
    }

    private ReadProtocol protocol(Duration leaseTtl) {
        CachePolicy policy = new CachePolicy(Duration.ofMinutes(10), 0.1, Duration.ofSeconds(30), leaseTtl,
                CachePolicy.DEFAULT_READ_DEADLINE, CachePolicy.DEFAULT_LOOKUP_ATTEMPTS, CachePolicy.DEFAULT_FALLBACK_WINDOW);
        return new ReadProtocol(cache, new CacheTrust(), policy, metrics, d -> {}, keeper);
    }
}
