package io.aside.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.bootstrap.cluster.Traffic.Read;
import io.aside.bootstrap.e2e.Figures;
import io.aside.testing.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One Redis Cluster master frozen (SIGSTOP: its port accepts connections, nothing answers) under
 * reads on two instances, until its replica took over: reads of the other masters' models stay
 * cached, reads of the frozen master's fail open to the database, all within a bound. Then models are
 * updated, the frozen master is resumed (it rejoins as a replica of its successor) and nothing stale
 * is served or cached.
 *
 * <p>With Redis' default {@code cluster-require-full-coverage yes}, once the cluster has marked the
 * master failed (a node timeout, 1 s here) every node refuses every key (CLUSTERDOWN) until the
 * promotion: no client can keep the healthy masters' keys cached then, whatever its breakers do. So
 * the healthy masters' models must stay cached until the cluster declares the failure, and, with
 * {@code no}, until the promotion.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisClusterMasterFrozenTest {
    static final int MODELS = 60;
    /** Reads after the promotion, before anything is written: clients find the new master. */
    static final Duration AFTER_PROMOTION = Duration.ofSeconds(1);
    /**
     * How much earlier than the watch saw it the master may have been declared failed, and the cluster
     * gone down ({@link ClusterStateWatch} polls every 10 ms; a read sent just before reaches Redis a
     * little later): reads sent within this margin of the declaration may already meet CLUSTERDOWN.
     */
    static final Duration DETECTION_MARGIN = Duration.ofMillis(50);
    /** Loads of the healthy masters' models while only the frozen master fails: a read caught in the detection margin, per instance. */
    static final int HEALTHY_LOADS_BOUND = 2;

    @RegisterExtension
    final OwnPair<ClusterPair> own = new OwnPair<>(ClusterPair::start);

    private ClusterPair pair() {
        return own.pair();
    }

    @ParameterizedTest(name = "cluster-require-full-coverage {0}")
    @ValueSource(strings = {"yes", "no"})
    void givenOneMasterFrozen_whenReadingModelsOfEveryMaster_thenOthersStayCachedFrozenOnesFailOpenAndNothingStaleAfterResume(String fullCoverage) {
        pair().cluster().nodes().forEach(node -> node.command("CONFIG", "SET", "cluster-require-full-coverage", fullCoverage));
        RedisServer nearMaster = pair().cluster().masterOf(pair().nearCacheSlot());
        List<Long> ids = FailoverChecks.seed(pair().a(), MODELS);
        Map<Long, RedisServer> masters = ids.stream().collect(Collectors.toMap(id -> id, pair()::masterOfModel));
        RedisServer frozen = masters.values().stream().filter(master -> master != nearMaster).findFirst().orElseThrow();
        Predicate<Long> onFrozen = id -> masters.get(id) == frozen;
        List<Long> frozenIds = ids.stream().filter(onFrozen).toList();
        List<Long> healthyIds = ids.stream().filter(onFrozen.negate()).toList();
        // Half the healthy masters' models in both near caches, half only in Redis: reads of those ask a healthy master.
        FailoverChecks.warm(pair(), healthyIds.subList(0, healthyIds.size() / 2));
        RedisOnlyFill.fill(pair().config(), pair().a().repository().database(), healthyIds.subList(healthyIds.size() / 2, healthyIds.size()));
        // The frozen master's models only in Redis too: a read of one asks the frozen master (a near-cache hit would not).
        RedisOnlyFill.fill(pair().config(), pair().a().repository().database(), frozenIds);
        Map<Long, Integer> loadsBefore = loads(ids);

        AtomicReference<Map<Long, Integer>> loadsWhenDeclared = new AtomicReference<>();
        RedisServer watched = masters.values().stream().filter(master -> master != frozen).findFirst().orElseThrow();
        ClusterStateWatch state = ClusterStateWatch.start(watched, frozen, () -> loadsWhenDeclared.set(loads(ids)));
        Traffic traffic;
        long frozenAt;
        long promotedAt;
        try {
            frozen.pause();
            frozenAt = System.nanoTime();
            traffic = Traffic.start(pair().both(), 2, frozenIds, healthyIds, List.of(), List.of(), Map.of());
            try {
                pair().cluster().awaitFailover(pair().slotOfModel(frozenIds.get(0)), frozen);
                promotedAt = System.nanoTime();
                loadsWhenDeclared.compareAndSet(null, loads(ids));
                FailoverChecks.sleep(AFTER_PROMOTION);
                // Updated while the old master is still frozen, with its copies of them: their invalidations go to its successor.
                for (int i = 0; i < frozenIds.size(); i++) traffic.update(pair().both().get(i % 2), frozenIds.get(i), 1, "after the failover");
                for (int i = 0; i < 4; i++) traffic.update(pair().both().get(i % 2), healthyIds.get(i), 1, "after the failover");
                frozen.resume();
                pair().cluster().awaitFormed();
            } finally {
                traffic.stop();
            }
        } finally {
            state.close();
        }

        // Until the cluster declares the master failed only that master fails, whatever Redis' coverage setting: no replica
        // can have taken over before (it waits at least half a second after the declaration).
        long declared = state.declaredAtOr(promotedAt);
        List<Read> isolated = traffic.sentBetween(frozenAt, declared - DETECTION_MARGIN.toNanos());
        List<Read> healthyIsolated = isolated.stream().filter(read -> !onFrozen.test(read.id())).toList();
        List<Read> frozenIsolated = isolated.stream().filter(read -> onFrozen.test(read.id())).toList();
        List<Read> healthyUntilPromoted = traffic.sentBetween(frozenAt, promotedAt).stream().filter(read -> !onFrozen.test(read.id())).toList();
        List<Read> healthyDown = healthyUntilPromoted.stream().filter(read -> state.downAt(read.sent())).toList();
        int healthyLoads = sum(healthyIds, loadsWhenDeclared.get(), loadsBefore);
        int frozenLoads = sum(frozenIds, loadsWhenDeclared.get(), loadsBefore);
        String scenario = "one master SIGSTOPped, cluster-require-full-coverage " + fullCoverage;
        Figures.report("cluster freeze", "%s: frozen → declared failed %d ms → replica promoted %d ms; every slot refused (CLUSTERDOWN) for %d ms",
                scenario, TimeUnit.NANOSECONDS.toMillis(declared - frozenAt), TimeUnit.NANOSECONDS.toMillis(promotedAt - frozenAt), state.downMillis());
        Figures.report("cluster freeze", "%s: the first %d ms, healthy masters' models %d HIT of %d (%s), %d database loads of %d models; "
                        + "frozen master's models %d MISS of %d (%s), %d loads of %d models", scenario,
                TimeUnit.NANOSECONDS.toMillis(declared - frozenAt), FailoverChecks.hits(healthyIsolated), healthyIsolated.size(),
                FailoverChecks.latencies(healthyIsolated), healthyLoads, healthyIds.size(), frozenIsolated.size() - FailoverChecks.hits(frozenIsolated),
                frozenIsolated.size(), FailoverChecks.latencies(frozenIsolated), frozenLoads, frozenIds.size());
        Figures.report("cluster freeze", "%s: until the promotion, healthy masters' models %d HIT of %d; while every slot was refused "
                + "%d HIT of %d (near caches, while their lease lasted); all reads: %s; %d older than an answered write, all database reads "
                + "within the fallback window (longest lag %d ms)", scenario, FailoverChecks.hits(healthyUntilPromoted), healthyUntilPromoted.size(),
                FailoverChecks.hits(healthyDown), healthyDown.size(), FailoverChecks.latencies(traffic.reads()),
                traffic.olderThanAnAnsweredWrite(traffic.reads()).size(), FailoverChecks.longestLag(traffic).toMillis());

        FailoverChecks.assertEveryRequestAnswered(traffic);
        FailoverChecks.assertReadsBounded(pair(), traffic);
        assertThat(healthyIsolated).as("reads of the healthy masters' models while only the frozen one failed").isNotEmpty()
                .allSatisfy(read -> assertThat(read.xCache()).as("%s", read).isEqualTo("HIT"));
        assertThat(healthyLoads).as("database loads of the healthy masters' models meanwhile").isLessThanOrEqualTo(HEALTHY_LOADS_BOUND);
        assertThat(frozenIsolated).as("reads of the frozen master's models meanwhile").isNotEmpty()
                .allSatisfy(read -> assertThat(read.xCache()).as("%s: from the database", read).isEqualTo("MISS"));
        assertThat(frozenLoads).as("database loads of the frozen master's models meanwhile").isPositive();
        if (fullCoverage.equals("no")) {
            assertThat(state.downs()).as("spans every slot was refused").isEmpty();
            assertThat(healthyUntilPromoted).as("reads of the healthy masters' models until the promotion")
                    .allSatisfy(read -> assertThat(read.xCache()).as("%s", read).isEqualTo("HIT"));
        }
        FailoverChecks.assertStaleOnlyWithinTheFallbackWindow(traffic);

        FailoverChecks.assertRecovered(pair(), ids, healthyIds.get(0), traffic, "cluster freeze", scenario + ": after the resume and the replay");
    }

    private Map<Long, Integer> loads(List<Long> ids) {
        return ids.stream().collect(Collectors.toMap(id -> id, pair()::loadsOf));
    }

    private static int sum(List<Long> ids, Map<Long, Integer> after, Map<Long, Integer> before) {
        return ids.stream().mapToInt(id -> after.get(id) - before.get(id)).sum();
    }
}
