package io.aside.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aside.application.CachePolicy;
import io.aside.bootstrap.cluster.Traffic.Read;
import io.aside.bootstrap.consistency.Instance;
import io.aside.bootstrap.e2e.Figures;
import io.aside.cache.CircuitBreakerSettings;
import io.aside.testing.MemcachedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One of two memcached servers SIGKILLed and restarted (empty, as memcached comes back), on two
 * instances. Under reads and writes: keys stay on their server (no rehash), so while it is down reads
 * of its keys fail open to the database and those of the other server stay cached; writes answer,
 * their invalidations left in the outbox. Once it serves again and the outbox is drained, every read
 * returns the latest version answered, and the cache agrees with the database.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MemcachedServerKilledTest {
    /** Traffic before the kill, so that every thread is in full swing when it happens. */
    static final Duration BEFORE_KILL = Duration.ofMillis(500);
    /** How long the server stays dead: well past the breaker opening, and through several relay passes. */
    static final Duration OUTAGE = Duration.ofSeconds(2);
    /**
     * Traffic once the restarted server is used again and nothing is pending. A fallback read made just
     * before may answer for one more fallback window; every read sent in the second after it must be the latest.
     */
    static final Duration AFTER_RECOVERY = CachePolicy.DEFAULT_FALLBACK_WINDOW.plusSeconds(1);
    static final int MODELS = 20;
    /**
     * A read sent just after the kill may still take the answer of a lookup of its key that hit just
     * before it, shared in the instance (its run had not settled when the read joined): those are left out
     * of "every read of the dead server's models missed".
     */
    static final Duration KILL_MARGIN = Duration.ofMillis(50);

    @RegisterExtension
    final OwnPair<MemcachedPair> own = new OwnPair<>(() -> MemcachedPair.start(2));

    @Test
    void givenTwoServers_whenOneIsKilledDuringReadsAndWritesThenRestarted_thenItsReadsFailOpenTheOthersStayCachedAndNothingStaleAfter() {
        MemcachedPair pair = own.pair();
        List<Long> ids = FailoverChecks.seed(pair.a(), MODELS);
        Map<Long, MemcachedServer> servers = ids.stream().collect(Collectors.toMap(id -> id, pair::serverOfModel));
        assertThat(servers.values().stream().distinct()).as("the models are spread over both servers").hasSize(2);
        long hot = ids.get(0);
        MemcachedServer victim = servers.get(hot);
        List<Long> others = ids.stream().filter(id -> id != hot).toList();
        // Two models of each server besides the hot one: invalidations to the dead server and to the live one.
        List<Long> writtenOthers = new ArrayList<>();
        for (MemcachedServer server : pair.servers()) others.stream().filter(id -> servers.get(id) == server).limit(2).forEach(writtenOthers::add);
        List<Long> onVictim = ids.stream().filter(id -> servers.get(id) == victim).toList();
        List<Long> liveUnwritten = ids.stream().filter(id -> servers.get(id) != victim && !writtenOthers.contains(id)).toList();
        assertThat(liveUnwritten).as("models of the live server nobody writes").isNotEmpty();
        long victimUnwritten = onVictim.stream().filter(id -> id != hot && !writtenOthers.contains(id)).findFirst().orElseThrow();
        FailoverChecks.warm(pair, ids);

        Traffic traffic = Traffic.start(pair.both(), 2, List.of(hot), others, List.of(hot), writtenOthers,
                ids.stream().collect(Collectors.toMap(id -> id, id -> 1L)));
        long killed;
        long restarted;
        long recovered;
        Map<Long, Integer> liveLoadsAtKill;
        Map<Long, Integer> liveLoadsAtRestart;
        try {
            FailoverChecks.sleep(BEFORE_KILL);
            liveLoadsAtKill = loads(pair, liveUnwritten);
            victim.kill();
            killed = System.nanoTime();
            FailoverChecks.sleep(OUTAGE);
            liveLoadsAtRestart = loads(pair, liveUnwritten);
            restarted = System.nanoTime();
            victim.start();
            awaitServingAgain(pair, victimUnwritten);
            recovered = System.nanoTime();
            FailoverChecks.sleep(AFTER_RECOVERY);
        } finally {
            traffic.stop();
        }

        Predicate<Read> ofVictim = read -> servers.get(read.id()) == victim;
        List<Read> duringOutage = traffic.sentBetween(killed, restarted);
        List<Read> victimsDuringOutage = traffic.sentBetween(killed + KILL_MARGIN.toNanos(), restarted).stream().filter(ofVictim).toList();
        List<Read> liveUnwrittenDuringOutage = duringOutage.stream().filter(read -> liveUnwritten.contains(read.id())).toList();
        long strictFrom = recovered + CachePolicy.DEFAULT_FALLBACK_WINDOW.toNanos();
        List<Read> afterRecovery = traffic.sentBetween(strictFrom, traffic.stoppedAt());
        List<Read> victimsAfterRecovery = afterRecovery.stream().filter(ofVictim).toList();
        Figures.report("memcached server killed", "1 of 2 servers SIGKILLed for %d ms under traffic, used again %d ms after its restart;"
                        + " its models' reads meanwhile %s, %d HIT of %d; the live server's unwritten models %d HIT of %d; %d writes answered;"
                        + " %d reads older than an answered write, all within the fallback window (longest lag %d ms); after recovery %d"
                        + " reads (%d HIT of %d of the restarted server's models), %d older than an answered write",
                TimeUnit.NANOSECONDS.toMillis(restarted - killed), TimeUnit.NANOSECONDS.toMillis(recovered - restarted),
                FailoverChecks.latencies(victimsDuringOutage), FailoverChecks.hits(victimsDuringOutage), victimsDuringOutage.size(),
                FailoverChecks.hits(liveUnwrittenDuringOutage), liveUnwrittenDuringOutage.size(), traffic.writes().size(),
                traffic.olderThanAnAnsweredWrite(traffic.reads()).size(), FailoverChecks.longestLag(traffic).toMillis(), afterRecovery.size(),
                FailoverChecks.hits(victimsAfterRecovery), victimsAfterRecovery.size(), traffic.olderThanAnAnsweredWrite(afterRecovery).size());

        FailoverChecks.assertEveryRequestAnswered(traffic);
        FailoverChecks.assertReadsBounded(pair, traffic);
        assertThat(victimsDuringOutage).as("reads of the dead server's models, answered by the database").isNotEmpty()
                .allSatisfy(read -> assertThat(read.xCache()).as("%s", read).isEqualTo("MISS"));
        assertThat(liveUnwrittenDuringOutage).as("reads of the live server's unwritten models during the outage").isNotEmpty()
                .allSatisfy(read -> assertThat(read.xCache()).as("%s", read).isEqualTo("HIT"));
        assertThat(liveLoadsAtRestart).as("database loads of the live server's unwritten models during the outage").isEqualTo(liveLoadsAtKill);
        FailoverChecks.assertStaleOnlyWithinTheFallbackWindow(traffic);
        assertThat(afterRecovery).as("reads once the restarted server serves again").hasSizeGreaterThan(20);
        assertThat(victimsAfterRecovery).as("reads of the restarted server's models once it serves again").isNotEmpty();
        assertThat(FailoverChecks.hits(victimsAfterRecovery)).as("of them, hits: the restarted server caches again").isPositive();
        assertThat(traffic.olderThanAnAnsweredWrite(afterRecovery)).as("reads after the recovery older than an answered write")
                .extracting(traffic::explain).isEmpty();

        FailoverChecks.assertRecovered(pair, ids, onVictim.get(0), traffic, "memcached server killed", "after the restart and the replay");
    }

    /**
     * The restarted server is used again: nothing is left in the outbox, and a model of the server that
     * nobody writes is a hit on both instances (its breaker, open since the kill, waited 5 s and its
     * probes found the server answering; the read before this one filled the key).
     */
    private static void awaitServingAgain(MemcachedPair pair, long unwrittenOnVictim) {
        await().atMost(CircuitBreakerSettings.defaults().waitInOpenState().plus(FailoverChecks.DRAINED_WITHIN)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    assertThat(pair.pendingInvalidations()).as("undelivered invalidations").isZero();
                    for (Instance instance : pair.both()) {
                        assertThat(instance.http().get("/models/" + unwrittenOnVictim).header("X-Cache")).as("model %d on %s", unwrittenOnVictim, instance)
                                .isEqualTo("HIT");
                    }
                });
    }

    private static Map<Long, Integer> loads(MemcachedPair pair, List<Long> ids) {
        return ids.stream().collect(Collectors.toMap(id -> id, pair::loadsOf));
    }
}
