package io.aside.application;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.aside.domain.cache.EntryKind;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.domain.port.RepositoryUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

class CacheAsideTest {
    private static final ModelKey KEY = new ModelKey(new ModelId(1));
    private static final Lease<Presence<Model>> LEASE = new Lease<>(KEY, "token", 0);
    private static final CachePolicy POLICY = ReadPathFixture.policy(Duration.ofMillis(100));

    @RegisterExtension
    final ReadPathFixture<CachePort> readPath = ReadPathFixture.overMockedCache();
    private final CacheAside cacheAside = readPath.cacheAside(ReadPathFixture.flights(), POLICY);
    private final Model row = model(1, "c");
    private final Supplier<Presence<Model>> loader = readPath.counting(() -> Presence.of(row));

    @Test
    void givenCachedValue_whenRead_thenHitWithoutLoad() {
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Hit<>(Presence.of(row)));
        assertThat(cacheAside.read(KEY, loader)).isEqualTo(new Read<>(Presence.of(row), true));
        assertThat(readPath.loads).hasValue(0);
        verify(readPath.metrics).hit(EntryKind.MODEL);
    }

    @Test
    void givenTombstone_whenRead_thenNotFoundWithoutLoad() {
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Hit<>(Presence.absent()));
        assertThat(cacheAside.read(KEY, loader)).isEqualTo(new Read<>(Presence.absent(), true));
        assertThat(readPath.loads).hasValue(0);
        verify(readPath.metrics).negativeHit(EntryKind.MODEL);
    }

    @Test
    void givenColdKey_whenLeaseWon_thenLoadsOnceAndFillsWithJitteredTtl() {
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Leased<>(LEASE));
        when(readPath.cache.fill(eq(LEASE), any(), any())).thenReturn(true);
        assertThat(cacheAside.read(KEY, loader)).isEqualTo(new Read<>(Presence.of(row), false));
        ArgumentCaptor<Duration> ttl = ArgumentCaptor.forClass(Duration.class);
        verify(readPath.cache).fill(eq(LEASE), eq(Presence.of(row)), ttl.capture());
        assertThat(ttl.getValue()).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(11));
        assertThat(readPath.loads).hasValue(1);
        verify(readPath.metrics).miss(EntryKind.MODEL);
    }

    @Test
    void givenMissingRow_whenLeaseWon_thenFillsTombstoneWithShortTtl() {
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Leased<>(LEASE));
        when(readPath.cache.fill(eq(LEASE), any(), any())).thenReturn(true);
        assertThat(cacheAside.read(KEY, Presence::absent).value()).isEqualTo(Presence.absent());
        ArgumentCaptor<Duration> ttl = ArgumentCaptor.forClass(Duration.class);
        verify(readPath.cache).fill(eq(LEASE), eq(Presence.absent()), ttl.capture());
        assertThat(ttl.getValue()).isBetween(Duration.ofSeconds(27), Duration.ofSeconds(33));
    }

    @Test
    void givenLeaseLostToAWrite_whenFillRefused_thenStillAnswersTheLoadedRowAndCountsIt() {
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Leased<>(LEASE));
        when(readPath.cache.fill(eq(LEASE), any(), any())).thenReturn(false);
        assertThat(cacheAside.read(KEY, loader).value()).isEqualTo(Presence.of(row));
        verify(readPath.metrics).fillRefused(EntryKind.MODEL);
    }

    @Test
    void givenAnotherLoader_whenItFillsWhileWeWait_thenHitWithoutLoad() {
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Busy<>(), new Lookup.Busy<>(), new Lookup.Hit<>(Presence.of(row)));
        assertThat(cacheAside.read(KEY, loader)).isEqualTo(new Read<>(Presence.of(row), true));
        assertThat(readPath.loads).hasValue(0);
        assertThat(readPath.sleeps).containsExactly(Duration.ofMillis(2), Duration.ofMillis(4));
        verify(readPath.metrics, times(1)).leaseWait(EntryKind.MODEL);
    }

    @Test
    void givenLeaseHolderNeverFills_whenWaitBudgetSpent_thenReadsDatabaseWithoutFilling() {
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Busy<>());
        CacheAside realClock = readPath.cacheAside(ReadPathFixture.flights(), POLICY, Sleeper.REAL);
        long start = System.nanoTime();
        assertThat(realClock.read(KEY, loader)).isEqualTo(new Read<>(Presence.of(row), false));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(readPath.loads).hasValue(1);
        verify(readPath.cache, never()).fill(any(), any(), any());
    }

    @Test
    void givenCacheDown_whenRead_thenFailsOpenToTheDatabase() {
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class))).thenThrow(new CacheUnavailableException("down", null));
        assertThat(cacheAside.read(KEY, loader)).isEqualTo(new Read<>(Presence.of(row), false));
        verify(readPath.metrics, times(POLICY.lookupAttempts())).cacheError("lookup");
        verify(readPath.cache, never()).fill(any(), any(), any());
    }

    @Test
    void givenCacheFailsOnFill_whenRead_thenStillAnswers() {
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Leased<>(LEASE));
        when(readPath.cache.fill(eq(LEASE), any(), any())).thenThrow(new CacheUnavailableException("down", null));
        assertThat(cacheAside.read(KEY, loader).value()).isEqualTo(Presence.of(row));
        verify(readPath.metrics).cacheError("fill");
        verify(readPath.cache, timeout(2_000)).release(KEY, LEASE.token()); // or other readers wait the lease out
    }

    @Test
    void givenDatabaseDown_whenLeaseWon_thenReleasesTheLeaseAndPropagates() {
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Leased<>(LEASE));
        assertThatThrownBy(() -> cacheAside.read(KEY, () -> {
            throw new RepositoryUnavailableException("db down", null);
        })).isInstanceOf(RepositoryUnavailableException.class);
        verify(readPath.cache, timeout(2_000)).release(KEY, LEASE.token());
        verify(readPath.cache, never()).fill(any(), any(), any());
    }

    @Test
    void givenManyFills_whenJittered_thenTtlsSpreadWithinBounds() {
        List<Duration> ttls = new ArrayList<>();
        for (int i = 0; i < 200; i++) ttls.add(POLICY.jittered(Duration.ofSeconds(100)));
        assertThat(ttls).allSatisfy(t -> assertThat(t).isBetween(Duration.ofSeconds(90), Duration.ofSeconds(110)));
        assertThat(ttls.stream().distinct().count()).isGreaterThan(50);
    }

    @Test
    void givenUndeliveredInvalidation_whenRead_thenSkipsTheCacheEntirely() {
        readPath.trust.withdraw(1, Invalidation.of(List.of(row)));
        assertThat(cacheAside.read(KEY, loader)).isEqualTo(new Read<>(Presence.of(row), false));
        verify(readPath.metrics).untrustedRead(EntryKind.MODEL);
        verifyNoInteractions(readPath.cache);
    }

    @Test
    void givenAnUndeliveredInvalidationOfAnotherModel_whenRead_thenTheCacheStillAnswers() {
        readPath.trust.withdraw(1, Invalidation.of(List.of(model(2, "other"))));
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Hit<>(Presence.of(row)));

        assertThat(cacheAside.read(KEY, loader)).isEqualTo(new Read<>(Presence.of(row), true));

        assertThat(readPath.loads).hasValue(0);
        verify(readPath.metrics, never()).untrustedRead(any());
    }

    @Test
    void givenAnInvalidationFailsWhileLoading_whenTheLoadReturns_thenNoFillAndTheLeaseIsGivenBack() {
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Leased<>(LEASE));

        Read<Presence<Model>> read = cacheAside.read(KEY, () -> {
            readPath.trust.withdraw(7, Invalidation.of(List.of(row))); // a writer's invalidation could not reach the cache meanwhile
            return Presence.of(row);
        });

        assertThat(read.value()).isEqualTo(Presence.of(row));
        verify(readPath.cache, never()).fill(any(), any(), any());
        verify(readPath.cache, timeout(2_000)).release(KEY, LEASE.token());
    }

    @Test
    void givenAnInvalidationOfAnotherModelFailsWhileLoading_whenTheLoadReturns_thenItFills() {
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Leased<>(LEASE));
        when(readPath.cache.fill(eq(LEASE), any(), any())).thenReturn(true);

        cacheAside.read(KEY, () -> {
            readPath.trust.withdraw(7, Invalidation.of(List.of(model(2, "other"))));
            return Presence.of(row);
        });

        verify(readPath.cache).fill(eq(LEASE), eq(Presence.of(row)), any());
    }
}
