package io.aside.application;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.aside.application.Outcome.Source;
import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.PageKey;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.stubbing.Answer;

/** One run of the read protocol (DESIGN §3, §3.1): lost replies, shedding, a full cache, waiting for another's fill. */
class ReadProtocolTest {
    private static final ModelRead READ = new ModelRead(new ModelId(1));
    private static final ModelKey KEY = new ModelKey(new ModelId(1));
    private static final Category TOOLS = new Category("tools");
    private static final PageRead PAGE_READ = new PageRead(TOOLS, 5);

    private final CachePort cache = mock(CachePort.class);
    private final CacheMetrics metrics = mock(CacheMetrics.class);
    private final CacheGate gate = new CacheGate();
    private final List<Duration> sleeps = new ArrayList<>();
    private final LeaseKeeper keeper = new LeaseKeeper(cache, metrics);
    private final ReadProtocol protocol = protocol(CachePolicy.defaults());
    private final Model row = model(1, "tools");
    private final AtomicInteger loads = new AtomicInteger();
    private final Supplier<Optional<Model>> loader = () -> {
        loads.incrementAndGet();
        return Optional.of(row);
    };

    @AfterEach
    void stopKeeper() {
        keeper.close();
    }

    @Test
    void givenALostReply_whenTheRetryAnswers_thenItAsksWithTheSameTokenAndFillsAfterOneLoad() {
        when(cache.lookup(eq(KEY), any(LeaseRequest.class)))
                .thenThrow(new CacheUnavailableException("read timed out", null))
                .thenAnswer(leasedToTheAsker());
        when(cache.fill(any(), any(), any())).thenReturn(true);

        Outcome<Model> outcome = protocol.run(READ, loader);

        List<LeaseRequest> requests = lookups(KEY, 2);
        assertThat(requests.get(1).token()).isEqualTo(requests.get(0).token());
        assertThat(outcome.source()).isEqualTo(Source.FILLED);
        assertThat(loads).hasValue(1);
        verify(cache).fill(eq(new Lease<>(KEY, requests.get(0).token())), eq(Optional.of(row)), any());
    }

    @Test
    void givenEveryReplyLost_whenTheAttemptsRunOut_thenFallsBackAndReleasesTheLeaseUnderThatToken() {
        when(cache.lookup(eq(KEY), any(LeaseRequest.class))).thenThrow(new CacheUnavailableException("read timed out", null));

        Outcome<Model> outcome = protocol.run(READ, loader);

        List<LeaseRequest> requests = lookups(KEY, CachePolicy.DEFAULT_LOOKUP_ATTEMPTS);
        assertThat(requests).extracting(LeaseRequest::token).containsOnly(requests.get(0).token());
        assertThat(outcome.source()).isEqualTo(Source.FALLBACK);
        assertThat(loads).hasValue(1);
        verify(cache, timeout(2_000)).release(new Lease<>(KEY, requests.get(0).token()));
    }

    @Test
    void givenTheBreakerSheds_whenRead_thenNoRetryAndFallsBack() {
        when(cache.lookup(eq(KEY), any(LeaseRequest.class))).thenThrow(CacheUnavailableException.shed("breaker open", null));

        Outcome<Model> outcome = protocol.run(READ, loader);

        lookups(KEY, 1);
        assertThat(outcome.source()).isEqualTo(Source.FALLBACK);
        assertThat(loads).hasValue(1);
    }

    @Test
    void givenCacheFull_whenTheLookupIsUncached_thenLoadsWithoutFilling() {
        when(cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Uncached<>());

        Outcome<Model> outcome = protocol.run(READ, loader);

        assertThat(outcome.source()).isEqualTo(Source.LOADED);
        assertThat(outcome.value()).contains(row);
        assertThat(loads).hasValue(1);
        verify(cache, never()).fill(any(), any(), any());
        verify(metrics).miss("model");
    }

    @Test
    void givenAnotherHoldsTheLease_whenItFillsWhileWeWait_thenHitWithoutLoad() {
        when(cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Busy<>(), new Lookup.Hit<>(row));

        Outcome<Model> outcome = protocol.run(READ, loader);

        assertThat(outcome.source()).isEqualTo(Source.CACHE);
        assertThat(outcome.value()).contains(row);
        assertThat(loads).hasValue(0);
        assertThat(sleeps).containsExactly(Duration.ofMillis(2));
        verify(metrics).leaseWait("model");
    }

    @Test
    void givenTheHolderNeverFills_whenTheReadDeadlinePasses_thenLoadsOnceWithoutFilling() {
        // Shorter than the longest backoff: the fake sleeper does not move the clock, the growing backoff ends the wait.
        Duration deadline = Duration.ofMillis(20);
        ReadProtocol shortDeadline = protocol(new CachePolicy(Duration.ofMinutes(10), 0.1, Duration.ofSeconds(30),
                Duration.ofSeconds(3), deadline, CachePolicy.DEFAULT_LOOKUP_ATTEMPTS));
        when(cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Busy<>());

        Outcome<Model> outcome = shortDeadline.run(READ, loader);

        assertThat(outcome.source()).isEqualTo(Source.LOADED);
        assertThat(loads).hasValue(1);
        assertThat(sleeps).as("no pause runs past the deadline").allSatisfy(pause -> assertThat(pause).isLessThan(deadline));
        verify(cache, never()).fill(any(), any(), any());
        verify(metrics).leaseWait("model");
    }

    @Test
    void givenTheGateClosed_whenRead_thenTheCacheIsBypassed() {
        gate.close(1);

        Outcome<Model> outcome = protocol.run(READ, loader);

        assertThat(outcome.source()).isEqualTo(Source.FALLBACK);
        assertThat(loads).hasValue(1);
        verify(metrics).bypass("model");
        verifyNoInteractions(cache);
    }

    @Test
    void givenAPageWait_whenTheGenerationMovesMeanwhile_thenThePollLooksUpTheNewPageKey() {
        ModelPage page = new ModelPage(List.of(row));
        when(cache.generation(TOOLS)).thenReturn(1L, 2L);
        when(cache.lookup(eq(new PageKey(TOOLS, 1, 5)), any(LeaseRequest.class))).thenReturn(new Lookup.Busy<>());
        when(cache.lookup(eq(new PageKey(TOOLS, 2, 5)), any(LeaseRequest.class))).thenReturn(new Lookup.Hit<>(page));

        Outcome<ModelPage> outcome = protocol.run(PAGE_READ, () -> Optional.of(new ModelPage(List.of())));

        assertThat(outcome.value()).contains(page);
        assertThat(outcome.source()).isEqualTo(Source.CACHE);
        verify(cache, times(2)).generation(TOOLS);
    }

    @Test
    void givenALostReplyOnAPage_whenTheGenerationMovesBeforeTheRetry_thenTheOldPageKeysLeaseIsReleased() {
        PageKey old = new PageKey(TOOLS, 1, 5);
        PageKey current = new PageKey(TOOLS, 2, 5);
        when(cache.generation(TOOLS)).thenReturn(1L, 2L);
        when(cache.lookup(eq(old), any(LeaseRequest.class))).thenThrow(new CacheUnavailableException("read timed out", null));
        when(cache.lookup(eq(current), any(LeaseRequest.class))).thenAnswer(leasedToTheAsker());
        when(cache.fill(any(), any(), any())).thenReturn(true);

        Outcome<ModelPage> outcome = protocol.run(PAGE_READ, () -> Optional.of(new ModelPage(List.of(row))));

        assertThat(outcome.source()).isEqualTo(Source.FILLED);
        String token = lookups(current, 1).get(0).token();
        verify(cache, timeout(2_000)).release(new Lease<>(old, token));
    }

    private ReadProtocol protocol(CachePolicy policy) {
        return new ReadProtocol(cache, gate, policy, metrics, sleeps::add, keeper);
    }

    /** The lease requests of exactly {@code count} lookups of {@code key}. */
    private <V> List<LeaseRequest> lookups(CacheKey<V> key, int count) {
        ArgumentCaptor<LeaseRequest> requests = ArgumentCaptor.forClass(LeaseRequest.class);
        verify(cache, times(count)).lookup(eq(key), requests.capture());
        return requests.getAllValues();
    }

    /** A lookup that grants the lease to whoever asks, under the token it asked with. */
    private static Answer<Lookup<?>> leasedToTheAsker() {
        return invocation -> new Lookup.Leased<>(new Lease<>(invocation.getArgument(0), invocation.<LeaseRequest>getArgument(1).token()));
    }
}
