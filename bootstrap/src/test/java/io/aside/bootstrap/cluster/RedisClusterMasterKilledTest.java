package io.aside.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.bootstrap.cluster.Traffic.Read;
import io.aside.bootstrap.e2e.Figures;
import io.aside.testing.RedisServer;
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
 * A Redis Cluster master SIGKILLed under reads and writes on two instances, until its replica took
 * over and a while after: every read answers within a bound that follows from the default timeouts,
 * nothing answered is lost, and once the invalidations the dead master missed are replayed nothing
 * stale is served or cached. Once with the hot model on a master that does not carry the near
 * caches' keys (their leases survive the kill), once on the one that does (they do not).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisClusterMasterKilledTest {
    /** Traffic before the kill, so that every thread is in full swing when it happens. */
    static final Duration BEFORE_KILL = Duration.ofSeconds(1);
    /** Traffic after the promotion: clients find the new master (topology refresh every 1 s) and reads fill it. */
    static final Duration AFTER_PROMOTION = Duration.ofSeconds(2);
    static final int MODELS = 45;

    @RegisterExtension
    final OwnPair<ClusterPair> own = new OwnPair<>(ClusterPair::start);

    private ClusterPair pair() {
        return own.pair();
    }

    @Test
    void givenHotModelOffTheNearCacheMaster_whenItsMasterIsKilledDuringReadsAndWrites_thenReadsBoundedNothingLostNothingStale() {
        RedisServer nearMaster = pair().cluster().masterOf(pair().nearCacheSlot());
        failover("hot model's master SIGKILLed (not the near cache's)", master -> master != nearMaster);
    }

    @Test
    void givenHotModelOnTheNearCacheMaster_whenThatMasterIsKilledDuringReadsAndWrites_thenReadsBoundedNothingLostNothingStale() {
        RedisServer nearMaster = pair().cluster().masterOf(pair().nearCacheSlot());
        failover("hot model's master SIGKILLed, the near cache's too", master -> master == nearMaster);
    }

    private void failover(String scenario, Predicate<RedisServer> victimWanted) {
        List<Long> ids = FailoverChecks.seed(pair().a(), MODELS);
        Map<Long, RedisServer> masters = ids.stream().collect(Collectors.toMap(id -> id, pair()::masterOfModel));
        long hot = ids.stream().filter(id -> victimWanted.test(masters.get(id))).findFirst().orElseThrow();
        RedisServer victim = masters.get(hot);
        List<Long> others = ids.stream().filter(id -> id != hot).toList();
        // Two models of each master besides the hot one: invalidations to the dead master and to healthy ones.
        List<Long> writtenOthers = new ArrayList<>();
        for (RedisServer master : masters.values().stream().distinct().toList()) {
            others.stream().filter(id -> masters.get(id) == master).limit(2).forEach(writtenOthers::add);
        }
        assertThat(masters.values().stream().distinct()).as("the models are spread over every master").hasSize(3);
        FailoverChecks.warm(pair(), ids);

        double untrustedBefore = untrustedReads();
        RedisServer watched = masters.values().stream().filter(master -> master != victim).findFirst().orElseThrow();
        Traffic traffic = Traffic.start(pair().both(), 2, List.of(hot), others, List.of(hot), writtenOthers,
                ids.stream().collect(Collectors.toMap(id -> id, id -> 1L)));
        long killed;
        long promoted;
        ClusterStateWatch state = ClusterStateWatch.start(watched, victim, () -> {});
        try {
            FailoverChecks.sleep(BEFORE_KILL);
            killed = System.nanoTime();
            victim.kill();
            pair().cluster().awaitFailover(pair().slotOfModel(hot), victim);
            promoted = System.nanoTime();
            FailoverChecks.sleep(AFTER_PROMOTION);
        } finally {
            traffic.stop();
            state.close();
        }

        List<Read> withoutMaster = traffic.sentBetween(killed, promoted);
        long declared = state.declaredAtOr(promoted);
        List<Read> othersBeforeDeclared = traffic.sentBetween(killed, declared).stream().filter(read -> masters.get(read.id()) != victim).toList();
        List<Read> othersAfterDeclared = traffic.sentBetween(declared, promoted).stream().filter(read -> masters.get(read.id()) != victim).toList();
        Figures.report("cluster failover", "%s: slot without a master for %d ms (declared failed after %d ms, then every slot refused, "
                        + "CLUSTERDOWN, for %d ms); reads meanwhile: %s; all reads: %s", scenario, TimeUnit.NANOSECONDS.toMillis(promoted - killed),
                TimeUnit.NANOSECONDS.toMillis(declared - killed), state.downMillis(), FailoverChecks.latencies(withoutMaster),
                FailoverChecks.latencies(traffic.reads()));
        // A write whose invalidation cannot reach the dead master makes every instance (its own at once, the others through their
        // relays) distrust the keys it touched until the replay (CacheTrust): reads of those keys go to the database meanwhile.
        Figures.report("cluster failover", "%s: healthy masters' models %d HIT of %d reads before the declaration, %d of %d after; "
                        + "%.0f reads skipped the cache as untrusted; %d writes answered (slowest %d ms); %d reads older than an answered write, "
                        + "all database reads within the fallback window (longest lag %d ms)", scenario,
                FailoverChecks.hits(othersBeforeDeclared), othersBeforeDeclared.size(), FailoverChecks.hits(othersAfterDeclared), othersAfterDeclared.size(),
                untrustedReads() - untrustedBefore, traffic.writes().size(), slowestWrite(traffic),
                traffic.olderThanAnAnsweredWrite(traffic.reads()).size(), FailoverChecks.longestLag(traffic).toMillis());
        FailoverChecks.assertEveryRequestAnswered(traffic);
        assertThat(withoutMaster).as("reads while the slot had no master").isNotEmpty();
        FailoverChecks.assertReadsBounded(pair(), traffic);
        FailoverChecks.assertStaleOnlyWithinTheFallbackWindow(traffic);

        FailoverChecks.assertRecovered(pair(), ids, hot, traffic, "cluster failover", scenario + ": after the promotion and the replay");
    }

    private double untrustedReads() {
        return pair().both().stream().mapToDouble(FailoverChecks::untrustedReads).sum();
    }

    private static long slowestWrite(Traffic traffic) {
        return traffic.writes().stream().mapToLong(write -> TimeUnit.NANOSECONDS.toMillis(write.answered() - write.sent())).max().orElse(0);
    }
}
