package io.aside.application;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.domain.port.RepositoryUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class CacheAsideTest {
    private static final ModelRead READ = new ModelRead(new ModelId(1));
    private static final ModelKey KEY = new ModelKey(new ModelId(1));
    private static final Lease<Model> LEASE = new Lease<>(KEY, "token");
    private static final CachePolicy POLICY = new CachePolicy(Duration.ofMinutes(10), 0.1, Duration.ofSeconds(30),
            Duration.ofSeconds(3), Duration.ofMillis(100), CachePolicy.DEFAULT_LOOKUP_ATTEMPTS);

    private final CachePort cache = mock(CachePort.class);
    private final CacheMetrics metrics = mock(CacheMetrics.class);
    private final CacheGate gate = new CacheGate();
    private final List<Duration> sleeps = new ArrayList<>();
    private final LeaseKeeper keeper = new LeaseKeeper(cache, metrics);
    private final CacheAside cacheAside = cacheAside(sleeps::add);
    private final AtomicInteger loads = new AtomicInteger();
    private final Model row = model(1, "c");
    private final Supplier<Optional<Model>> loader = () -> {
        loads.incrementAndGet();
        return Optional.of(row);
    };

    @AfterEach
    void stopKeeper() {
        keeper.close();
    }

    @Test
    void givenCachedValue_whenRead_thenHitWithoutLoad() {
        when(cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Hit<>(row));
        assertThat(cacheAside.read(READ, loader)).isEqualTo(new Read<>(Optional.of(row), true));
        assertThat(loads).hasValue(0);
        verify(metrics).hit("model");
    }

    @Test
    void givenTombstone_whenRead_thenNotFoundWithoutLoad() {
        when(cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Absent<>());
        assertThat(cacheAside.read(READ, loader)).isEqualTo(new Read<>(Optional.empty(), true));
        assertThat(loads).hasValue(0);
        verify(metrics).negativeHit("model");
    }

    @Test
    void givenColdKey_whenLeaseWon_thenLoadsOnceAndFillsWithJitteredTtl() {
        when(cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Leased<>(LEASE));
        when(cache.fill(eq(LEASE), any(), any())).thenReturn(true);
        assertThat(cacheAside.read(READ, loader)).isEqualTo(new Read<>(Optional.of(row), false));
        ArgumentCaptor<Duration> ttl = ArgumentCaptor.forClass(Duration.class);
        verify(cache).fill(eq(LEASE), eq(Optional.of(row)), ttl.capture());
        assertThat(ttl.getValue()).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(11));
        assertThat(loads).hasValue(1);
        verify(metrics).miss("model");
    }

    @Test
    void givenMissingRow_whenLeaseWon_thenFillsTombstoneWithShortTtl() {
        when(cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Leased<>(LEASE));
        when(cache.fill(eq(LEASE), any(), any())).thenReturn(true);
        assertThat(cacheAside.read(READ, Optional::empty).value()).isEmpty();
        ArgumentCaptor<Duration> ttl = ArgumentCaptor.forClass(Duration.class);
        verify(cache).fill(eq(LEASE), eq(Optional.empty()), ttl.capture());
        assertThat(ttl.getValue()).isBetween(Duration.ofSeconds(27), Duration.ofSeconds(33));
    }

    @Test
    void givenLeaseLostToAWrite_whenFillRefused_thenStillAnswersTheLoadedRowAndCountsIt() {
        when(cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Leased<>(LEASE));
        when(cache.fill(eq(LEASE), any(), any())).thenReturn(false);
        assertThat(cacheAside.read(READ, loader).value()).contains(row);
        verify(metrics).fillRefused("model");
    }

    @Test
    void givenAnotherLoader_whenItFillsWhileWeWait_thenHitWithoutLoad() {
        when(cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Busy<>(), new Lookup.Busy<>(), new Lookup.Hit<>(row));
        assertThat(cacheAside.read(READ, loader)).isEqualTo(new Read<>(Optional.of(row), true));
        assertThat(loads).hasValue(0);
        assertThat(sleeps).containsExactly(Duration.ofMillis(2), Duration.ofMillis(4));
        verify(metrics, times(1)).leaseWait("model");
    }

    @Test
    void givenLeaseHolderNeverFills_whenWaitBudgetSpent_thenReadsDatabaseWithoutFilling() {
        when(cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Busy<>());
        CacheAside realClock = cacheAside(Sleeper.REAL);
        long start = System.nanoTime();
        assertThat(realClock.read(READ, loader)).isEqualTo(new Read<>(Optional.of(row), false));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(loads).hasValue(1);
        verify(cache, never()).fill(any(), any(), any());
    }

    @Test
    void givenCacheDown_whenRead_thenFailsOpenToTheDatabase() {
        when(cache.lookup(eq(KEY), any(LeaseRequest.class))).thenThrow(new CacheUnavailableException("down", null));
        assertThat(cacheAside.read(READ, loader)).isEqualTo(new Read<>(Optional.of(row), false));
        verify(metrics, times(POLICY.lookupAttempts())).cacheError("lookup");
        verify(cache, never()).fill(any(), any(), any());
    }

    @Test
    void givenCacheFailsOnFill_whenRead_thenStillAnswers() {
        when(cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Leased<>(LEASE));
        when(cache.fill(eq(LEASE), any(), any())).thenThrow(new CacheUnavailableException("down", null));
        assertThat(cacheAside.read(READ, loader).value()).contains(row);
        verify(metrics).cacheError("fill");
    }

    @Test
    void givenDatabaseDown_whenLeaseWon_thenReleasesTheLeaseAndPropagates() {
        when(cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Leased<>(LEASE));
        assertThatThrownBy(() -> cacheAside.read(READ, () -> {
            throw new RepositoryUnavailableException("db down", null);
        })).isInstanceOf(RepositoryUnavailableException.class);
        verify(cache, timeout(2_000)).release(LEASE);
        verify(cache, never()).fill(any(), any(), any());
    }

    @Test
    void givenManyFills_whenJittered_thenTtlsSpreadWithinBounds() {
        List<Duration> ttls = new ArrayList<>();
        for (int i = 0; i < 200; i++) ttls.add(POLICY.jittered(Duration.ofSeconds(100)));
        assertThat(ttls).allSatisfy(t -> assertThat(t).isBetween(Duration.ofSeconds(90), Duration.ofSeconds(110)));
        assertThat(ttls.stream().distinct().count()).isGreaterThan(50);
    }

    @Test
    void givenUndeliveredInvalidation_whenRead_thenBypassesTheCacheEntirely() {
        gate.close(1);
        assertThat(cacheAside.read(READ, loader)).isEqualTo(new Read<>(Optional.of(row), false));
        verify(metrics).bypass("model");
        org.mockito.Mockito.verifyNoInteractions(cache);
    }

    @Test
    void givenAnInvalidationFailsWhileLoading_whenTheLoadReturns_thenNoFillAndTheLeaseIsGivenBack() {
        when(cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Leased<>(LEASE));

        Read<Model> read = cacheAside.read(READ, () -> {
            gate.close(7); // a writer's invalidation could not reach the cache meanwhile
            return Optional.of(row);
        });

        assertThat(read.value()).contains(row);
        verify(cache, never()).fill(any(), any(), any());
        verify(cache, timeout(2_000)).release(LEASE);
    }

    private CacheAside cacheAside(Sleeper sleeper) {
        return new CacheAside(new ReadFlights(Duration.ofSeconds(30), Duration.ZERO), cache, gate, POLICY, metrics, sleeper, keeper);
    }
}
