package io.aside.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aside.application.CachePolicy;
import io.aside.bootstrap.cluster.Traffic.Read;
import io.aside.bootstrap.cluster.Traffic.Write;
import io.aside.bootstrap.consistency.CacheAudit;
import io.aside.bootstrap.consistency.Instance;
import io.aside.bootstrap.e2e.Figures;
import io.aside.bootstrap.e2e.ModelJson;
import io.aside.bootstrap.faults.Latencies;
import io.aside.cache.CircuitBreakerSettings;
import io.aside.testing.HttpReply;
import io.aside.testing.Scrape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/** What the failover tests check once every key's server answers again: a Redis Cluster's masters, or memcached servers. */
final class FailoverChecks {
    /**
     * The slowest a read may be while a master is dead, frozen or just replaced, from the defaults. On
     * its own thread a read makes at most 3 lookups ({@code CachePolicy.DEFAULT_LOOKUP_ATTEMPTS}) and
     * one fill, each one call of the cluster client. A call tries twice ({@code RedisClients.CLUSTER_ATTEMPTS}:
     * one retry), each try bounded by the 50 ms command timeout (a frozen node accepts connections and
     * never answers; a killed one refuses at once), and after a failed last try the client renews its
     * slot map, asking the nodes in turn: the one that is down costs at most one more timeout. So at
     * most 4 × (2 + 1) × 50 ms = 600 ms waiting for Redis, and far less once the master's breaker has
     * opened (10 failed calls in 5 s). Plus a primary-key read and HTTP, with room for a 2-core machine
     * running six Redis nodes, MariaDB and both instances: 1 s. It fails on any wait the defaults do not
     * allow: Jedis' 2 s default timeout, a TCP retransmission, a hang until the promotion (2–3 s here).
     * On memcached a call is one try on one server, bounded by the same timeouts (a 100 ms connect, a
     * 50 ms command), so the bound holds with more room.
     */
    static final Duration READ_BOUND = Duration.ofMillis(1_000);
    /** Rounds of reads of every model on both instances: one could be answered by a near cache, the next by Redis. */
    static final int FINAL_ROUNDS = 3;
    /** Two relay intervals (250 ms) and the topology refresh (1 s) are far below; room for a busy 2-core machine. */
    static final Duration DRAINED_WITHIN = Duration.ofSeconds(15);

    private FailoverChecks() {}

    /** Creates {@code count} models through {@code instance}; their ids, in order. */
    static List<Long> seed(Instance instance, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpReply created = instance.http().post("/models", ModelJson.model("model " + i, "failover"));
            assertThat(created.status()).as("POST /models").isEqualTo(201);
            ids.add(created.json().get("id").asLong());
        }
        return ids;
    }

    /** Reads every model twice on each instance, the second a hit: in the shared cache, and in both near caches if there are. */
    static void warm(InstancePair pair, Collection<Long> ids) {
        for (Instance instance : pair.both()) {
            for (long id : ids) {
                instance.http().get("/models/" + id);
                assertThat(instance.http().get("/models/" + id).header("X-Cache")).as("second read of model %d on %s", id, instance).isEqualTo("HIT");
            }
        }
    }

    static Latencies latencies(List<Read> reads) {
        Latencies latencies = new Latencies();
        reads.forEach(read -> latencies.add(read.nanos()));
        return latencies;
    }

    /** Every read answered 200, and every write too (the database never failed): no thread gave up on a request. */
    static void assertEveryRequestAnswered(Traffic traffic) {
        assertThat(traffic.failures()).as("requests the client gave up on").isEmpty();
        assertThat(traffic.reads()).as("reads").isNotEmpty().allSatisfy(read -> assertThat(read.status()).as("status of %s", read).isEqualTo(200));
        assertThat(traffic.writes()).as("writes").isNotEmpty().allSatisfy(write -> assertThat(write.status()).as("status of %s", write).isEqualTo(200));
    }

    /**
     * The outbox is empty and both instances trust the cache again (a read no longer skips it): every
     * invalidation that could not reach the dead or frozen server has been replayed. And the fallback
     * window of the traffic's last reads has passed: a database read an instance made while it could
     * not use the cache answers its readers of that key for that long, even a write on the other
     * instance later (README, "What is not guaranteed"), so an answer from before the last write can
     * be served until then, with the cache long back.
     */
    static void awaitDrained(InstancePair pair, long anyId, Traffic traffic) {
        await().atMost(DRAINED_WITHIN).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(pair.pendingInvalidations()).as("undelivered invalidations").isZero();
            for (Instance instance : pair.both()) {
                double before = untrustedReads(instance);
                instance.http().get("/models/" + anyId);
                assertThat(untrustedReads(instance)).as("a read on %s skipped the cache", instance).isEqualTo(before);
            }
        });
        long windowLeft = traffic.stoppedAt() + CachePolicy.DEFAULT_FALLBACK_WINDOW.toNanos() - System.nanoTime();
        if (windowLeft > 0) LockSupport.parkNanos(windowLeft);
    }

    /** Reads that skipped the cache because an invalidation was undelivered (the instance stopped trusting it). */
    static double untrustedReads(Instance instance) {
        return Scrape.of(instance.http()).sum("aside_cache_untrusted_reads_total");
    }

    /** What the last rounds of reads found: how many, and those that were not the row. */
    record Final(int reads, List<String> stale) {}

    /** Reads every model on both instances, {@link #FINAL_ROUNDS} times, each compared with its row. */
    static Final readEverythingAgainstTheDatabase(InstancePair pair, Collection<Long> ids) {
        Map<Long, Long> stored = pair.storedVersions();
        List<String> stale = new ArrayList<>();
        int reads = 0;
        for (int round = 0; round < FINAL_ROUNDS; round++) {
            for (Instance instance : pair.both()) {
                for (long id : ids) {
                    HttpReply reply = instance.http().get("/models/" + id);
                    reads++;
                    assertThat(reply.status()).as("GET /models/%d on %s", id, instance).isEqualTo(200);
                    long version = reply.json().get("version").asLong();
                    if (version != stored.get(id)) {
                        stale.add(instance + " round " + round + ": model " + id + " v" + version + " (X-Cache " + reply.header("X-Cache")
                                + ") but the database has v" + stored.get(id));
                    }
                }
            }
        }
        return new Final(reads, stale);
    }

    /** Every answered write is in the database, none undone: each model ends at the last version its writer was answered. */
    static void assertNoWriteLost(InstancePair pair, Traffic traffic) {
        Map<Long, Long> stored = pair.storedVersions();
        Map<Long, Long> lastAnswered = new HashMap<>();
        for (Write write : traffic.writes()) {
            if (write.version() > 0) lastAnswered.merge(write.id(), write.version(), Math::max);
        }
        assertThat(lastAnswered).as("models written").isNotEmpty();
        lastAnswered.forEach((id, version) -> assertThat(stored.get(id)).as("model %d in the database", id).isEqualTo(version));
    }

    /** Every read within {@link #READ_BOUND}; the failure names the slowest, and the instances' cache counters. */
    static void assertReadsBounded(InstancePair pair, Traffic traffic) {
        Read slowest = traffic.reads().stream().max(Comparator.comparingLong(Read::nanos)).orElseThrow();
        assertThat(Duration.ofNanos(slowest.nanos())).as("the slowest read, %s\n%s", slowest, pair.a().cacheCounters() + "\n" + pair.b().cacheCounters())
                .isLessThanOrEqualTo(READ_BOUND);
    }

    /**
     * A read older than a write already answered is allowed only as README's "What is not guaranteed"
     * allows it: while an instance cannot use the cache, a database read answers its readers of that
     * key for the fallback window (1 s), so a write elsewhere within that second may not be seen there.
     * Such a read is a MISS, sent within the window of the first write it missed; a stale hit is never allowed.
     */
    static void assertStaleOnlyWithinTheFallbackWindow(Traffic traffic) {
        List<Read> older = traffic.olderThanAnAnsweredWrite(traffic.reads());
        assertThat(older).as("reads older than an answered write, served by a cache").filteredOn(read -> !"MISS".equals(read.xCache()))
                .extracting(traffic::explain).isEmpty();
        assertThat(older).as("reads older than an answered write, later than the fallback window").filteredOn(read ->
                        Duration.ofNanos(read.sent() - traffic.firstMissed(read).answered()).compareTo(CachePolicy.DEFAULT_FALLBACK_WINDOW) >= 0)
                .extracting(traffic::explain).isEmpty();
    }

    /** The longest a read lagged behind an answered write, for the figures. */
    static Duration longestLag(Traffic traffic) {
        return traffic.olderThanAnAnsweredWrite(traffic.reads()).stream()
                .map(read -> Duration.ofNanos(read.sent() - traffic.firstMissed(read).answered())).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    /**
     * Once the promoted replica serves, no breaker is reported shedding, the old master's included:
     * nothing calls that address any more, so within the breaker's wait in open state (5 s) the gauge
     * operators alert on is back to 0, while reads keep the current masters' breakers busy.
     */
    static void awaitNoBreakerShedding(InstancePair pair, List<Long> ids) {
        await().atMost(CircuitBreakerSettings.defaults().waitInOpenState().plus(DRAINED_WITHIN)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    for (Instance instance : pair.both()) {
                        ids.forEach(id -> instance.http().get("/models/" + id));
                        assertThat(instance.meter("aside_cache_breaker_open")).as("%s: aside_cache_breaker_open", instance).isZero();
                    }
                });
    }

    static CacheAudit assertCacheAgreesWithTheDatabase(InstancePair pair, Collection<Long> ids) {
        CacheAudit audit = pair.audit(ids);
        assertThat(audit.mismatches()).as("cache entries that are not their row (%s)", audit).isEmpty();
        return audit;
    }

    /**
     * Once the outbox is drained: every model read on both instances equals its row, the cache agrees
     * with the database, no answered write was lost and no breaker still sheds. Reports the figure.
     */
    static void assertRecovered(InstancePair pair, List<Long> ids, long anyId, Traffic traffic, String figure, String when) {
        awaitDrained(pair, anyId, traffic);
        Final last = readEverythingAgainstTheDatabase(pair, ids);
        CacheAudit audit = assertCacheAgreesWithTheDatabase(pair, ids);
        Figures.report(figure, "%s, %d stale of %d reads on 2 instances; %s", when, last.stale().size(), last.reads(), audit);
        assertThat(last.stale()).as("reads that were not the row").isEmpty();
        assertThat(audit.cachedModels()).as("models the audit found cached").isPositive();
        assertNoWriteLost(pair, traffic);
        awaitNoBreakerShedding(pair, ids);
    }

    static long hits(List<Read> reads) {
        return reads.stream().filter(read -> "HIT".equals(read.xCache())).count();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
