package io.aside.application;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.aside.application.Outcome.Source;
import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.EntryKind;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.PageKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.mockito.stubbing.Answer;

/** One run of the read protocol (DESIGN §3, §3.1): lost replies, shedding, a full cache, waiting for another's fill. */
class ReadProtocolTest {
    private static final ModelKey KEY = new ModelKey(new ModelId(1));
    private static final Category TOOLS = new Category("tools");
    private static final PageKey PAGE = new PageKey(TOOLS, 5);

    @RegisterExtension
    final ReadPathFixture<CachePort> readPath = ReadPathFixture.overMockedCache();
    private final ReadProtocol protocol = readPath.protocol(CachePolicy.defaults());
    private final Model row = model(1, "tools");
    private final Supplier<Presence<Model>> loader = readPath.counting(() -> Presence.of(row));

    @Test
    void givenALostReply_whenTheRetryAnswers_thenItAsksWithTheSameTokenAndFillsAfterOneLoad() {
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class)))
                .thenThrow(new CacheUnavailableException("read timed out", null))
                .thenAnswer(leasedToTheAsker());
        when(readPath.cache.fill(any(), any(), any())).thenReturn(true);

        Outcome<Presence<Model>> outcome = protocol.run(KEY, loader);

        List<LeaseRequest> requests = lookups(KEY, 2);
        assertThat(requests.get(1).token()).isEqualTo(requests.get(0).token());
        assertThat(outcome.source()).isEqualTo(Source.FILLED);
        assertThat(readPath.loads).hasValue(1);
        verify(readPath.cache).fill(eq(new Lease<>(KEY, requests.get(0).token(), 0)), eq(Presence.of(row)), any());
    }

    @Test
    void givenEveryReplyLost_whenTheAttemptsRunOut_thenFallsBackAndReleasesTheLeaseUnderThatToken() {
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class))).thenThrow(new CacheUnavailableException("read timed out", null));

        Outcome<Presence<Model>> outcome = protocol.run(KEY, loader);

        List<LeaseRequest> requests = lookups(KEY, CachePolicy.DEFAULT_LOOKUP_ATTEMPTS);
        assertThat(requests).extracting(LeaseRequest::token).containsOnly(requests.get(0).token());
        assertThat(outcome.source()).isEqualTo(Source.FALLBACK);
        assertThat(readPath.loads).hasValue(1);
        verify(readPath.cache, timeout(2_000)).release(KEY, requests.get(0).token());
    }

    @Test
    void givenALongWaitMeetingLostRepliesNowAndThen_whenNeverAsManyInARowAsTheAttempts_thenItKeepsWaitingAndHits() {
        CacheUnavailableException lost = new CacheUnavailableException("read timed out", null);
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class)))
                .thenThrow(lost).thenReturn(new Lookup.Busy<>())
                .thenThrow(lost).thenReturn(new Lookup.Busy<>())
                .thenThrow(lost).thenReturn(new Lookup.Busy<>())
                .thenReturn(new Lookup.Hit<>(Presence.of(row)));

        Outcome<Presence<Model>> outcome = protocol.run(KEY, loader);

        assertThat(outcome.source()).as("more lost replies than attempts in all, but never that many in a row").isEqualTo(Source.CACHE);
        assertThat(readPath.loads).hasValue(0);
    }

    @Test
    void givenTheBreakerSheds_whenRead_thenNoRetryAndFallsBack() {
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class))).thenThrow(CacheUnavailableException.shed("breaker open", null));

        Outcome<Presence<Model>> outcome = protocol.run(KEY, loader);

        lookups(KEY, 1);
        assertThat(outcome.source()).isEqualTo(Source.FALLBACK);
        assertThat(readPath.loads).hasValue(1);
    }

    @Test
    void givenCacheFull_whenTheLookupIsUncached_thenLoadsWithoutFilling() {
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Uncached<>());

        Outcome<Presence<Model>> outcome = protocol.run(KEY, loader);

        assertThat(outcome.source()).isEqualTo(Source.LOADED);
        assertThat(outcome.value()).isEqualTo(Presence.of(row));
        assertThat(readPath.loads).hasValue(1);
        verify(readPath.cache, never()).fill(any(), any(), any());
        verify(readPath.metrics).miss(EntryKind.MODEL);
    }

    @Test
    void givenAnotherHoldsTheLease_whenItFillsWhileWeWait_thenHitWithoutLoad() {
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Busy<>(), new Lookup.Hit<>(Presence.of(row)));

        Outcome<Presence<Model>> outcome = protocol.run(KEY, loader);

        assertThat(outcome.source()).isEqualTo(Source.CACHE);
        assertThat(outcome.value()).isEqualTo(Presence.of(row));
        assertThat(readPath.loads).hasValue(0);
        assertThat(readPath.sleeps).containsExactly(Duration.ofMillis(2));
        verify(readPath.metrics).leaseWait(EntryKind.MODEL);
    }

    @Test
    void givenTheHolderNeverFills_whenTheReadDeadlinePasses_thenLoadsOnceWithoutFilling() {
        // Shorter than the longest backoff: the fake sleeper does not move the clock, the growing backoff ends the wait.
        Duration deadline = Duration.ofMillis(20);
        ReadProtocol shortDeadline = readPath.protocol(ReadPathFixture.policy(deadline));
        when(readPath.cache.lookup(eq(KEY), any(LeaseRequest.class))).thenReturn(new Lookup.Busy<>());

        Outcome<Presence<Model>> outcome = shortDeadline.run(KEY, loader);

        assertThat(outcome.source()).isEqualTo(Source.LOADED);
        assertThat(readPath.loads).hasValue(1);
        assertThat(readPath.sleeps).as("no pause runs past the deadline").allSatisfy(pause -> assertThat(pause).isLessThan(deadline));
        verify(readPath.cache, never()).fill(any(), any(), any());
        verify(readPath.metrics).leaseWait(EntryKind.MODEL);
    }

    @Test
    void givenTheCacheUntrusted_whenRead_thenItIsSkipped() {
        readPath.trust.withdraw(1, Invalidation.of(List.of(row)));

        Outcome<Presence<Model>> outcome = protocol.run(KEY, loader);

        assertThat(outcome.source()).isEqualTo(Source.FALLBACK);
        assertThat(readPath.loads).hasValue(1);
        verify(readPath.metrics).untrustedRead(EntryKind.MODEL);
        verifyNoInteractions(readPath.cache);
    }

    @Test
    void givenAnUndeliveredInvalidationOfItsCategory_whenAPageIsRead_thenItIsSkipped() {
        readPath.trust.withdraw(1, Invalidation.of(List.of(model(2, "tools"))));

        Outcome<ModelPage> outcome = protocol.run(PAGE, () -> new ModelPage(List.of(row)));

        assertThat(outcome.source()).isEqualTo(Source.FALLBACK);
        verify(readPath.metrics).untrustedRead(EntryKind.PAGE);
        verifyNoInteractions(readPath.cache);
    }

    @Test
    void givenAnUndeliveredInvalidationOfAnotherCategory_whenAPageIsRead_thenTheCacheAnswers() {
        readPath.trust.withdraw(1, Invalidation.of(List.of(model(2, "toys"))));
        ModelPage page = new ModelPage(List.of(row));
        when(readPath.cache.lookup(eq(PAGE), any(LeaseRequest.class))).thenReturn(new Lookup.Hit<>(page));

        Outcome<ModelPage> outcome = protocol.run(PAGE, () -> new ModelPage(List.of()));

        assertThat(outcome.source()).isEqualTo(Source.CACHE);
        verify(readPath.metrics, never()).untrustedRead(any());
    }

    @Test
    void givenAPageRead_whenLookedUp_thenOneCacheCallAnswersIt() {
        ModelPage page = new ModelPage(List.of(row));
        when(readPath.cache.lookup(eq(PAGE), any(LeaseRequest.class))).thenReturn(new Lookup.Hit<>(page));

        Outcome<ModelPage> outcome = protocol.run(PAGE, () -> new ModelPage(List.of()));

        assertThat(outcome.value()).isEqualTo(page);
        assertThat(outcome.source()).isEqualTo(Source.CACHE);
        verify(readPath.cache).lookup(eq(PAGE), any(LeaseRequest.class));
        verifyNoMoreInteractions(readPath.cache);
        verify(readPath.metrics).hit(EntryKind.PAGE);
    }

    @Test
    void givenEveryReplyLostOnAPage_whenTheAttemptsRunOut_thenThePagesLeaseIsReleasedByToken() {
        when(readPath.cache.lookup(eq(PAGE), any(LeaseRequest.class))).thenThrow(new CacheUnavailableException("read timed out", null));

        Outcome<ModelPage> outcome = protocol.run(PAGE, () -> new ModelPage(List.of(row)));

        assertThat(outcome.source()).isEqualTo(Source.FALLBACK);
        String token = lookups(PAGE, CachePolicy.DEFAULT_LOOKUP_ATTEMPTS).get(0).token();
        verify(readPath.cache, timeout(2_000)).release(PAGE, token);
    }

    /** The lease requests of exactly {@code count} lookups of {@code key}. */
    private <V> List<LeaseRequest> lookups(CacheKey<V> key, int count) {
        ArgumentCaptor<LeaseRequest> requests = ArgumentCaptor.forClass(LeaseRequest.class);
        verify(readPath.cache, times(count)).lookup(eq(key), requests.capture());
        return requests.getAllValues();
    }

    /** A lookup that grants the lease to whoever asks, under the token it asked with. */
    private static Answer<Lookup<?>> leasedToTheAsker() {
        return invocation -> new Lookup.Leased<>(new Lease<>(invocation.getArgument(0), invocation.<LeaseRequest>getArgument(1).token(), 0));
    }
}
