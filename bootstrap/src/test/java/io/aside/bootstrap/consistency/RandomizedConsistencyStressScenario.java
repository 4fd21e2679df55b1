package io.aside.bootstrap.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.bootstrap.e2e.Figures;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.ModelRepository;
import io.aside.testing.HttpReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DESIGN §7, concurrency: writers and readers on both instances race on a few ids and categories;
 * whenever they stop, whatever the races left in the cache must equal the database. Five rounds of
 * a second each (writers stop a little before readers), audited after each. The seed is printed
 * (and in every failure message); {@code -Daside.stress.seed=N} replays its choices, though not the
 * threads' interleaving. On one Redis ({@link RandomizedConsistencyStressTest}), on a Redis
 * Cluster ({@link RandomizedConsistencyStressOnRedisClusterTest}) and on memcached
 * ({@link RandomizedConsistencyStressOnMemcachedTest}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class RandomizedConsistencyStressScenario {
    private static final int ROUNDS = 5;
    private static final Duration ROUND = Duration.ofSeconds(1);
    private static final Duration READ_ONLY_TAIL = Duration.ofMillis(150);
    /** Between a reader's database read and its fill: the window a racing write must hit to make a stale set. */
    private static final Duration SLOW_LOAD = Duration.ofMillis(20);
    private static final int WRITERS = 4;
    private static final int READERS = 8;
    private static final List<String> CATEGORIES = List.of("stress red", "stress blue");
    private static final int[] LIMITS = {2, 5, 10};

    private final TwoInstances services;

    RandomizedConsistencyStressScenario(TwoInstances services) {
        this.services = services;
    }

    @BeforeEach
    void widenTheRaces() {
        services.both().forEach(i -> i.repository().slowDownEveryLoad(SLOW_LOAD));
    }

    @Test
    void givenWritersAndReadersRacingOnTwoInstances_whenQuiesced_thenEveryCachedModelAndPageEqualsTheDatabase() {
        long seed = Long.getLong("aside.stress.seed", new Random().nextLong());
        System.out.println(getClass().getSimpleName() + " seed=" + seed + " (replay with -Daside.stress.seed=" + seed + ")");
        StressLedger ledger = new StressLedger();
        StressWriter writer = new StressWriter(services, CATEGORIES, ledger);
        StressReader reader = new StressReader(services, CATEGORIES, LIMITS, ledger);
        Random setup = new Random(seed);
        for (int i = 0; i < 5; i++) writer.create(setup);
        List<String> mismatches = new ArrayList<>();
        int cachedModels = 0;
        int cachedPages = 0;

        for (int round = 1; round <= ROUNDS; round++) {
            StressRun.run(seed + 1000L * round, WRITERS, writer, READERS, reader, ROUND, READ_ONLY_TAIL, ledger);
            CacheAudit audit = audit(ledger);
            System.out.println("round " + round + ": " + ledger + "; " + audit);
            int r = round;
            audit.mismatches().forEach(m -> mismatches.add("round " + r + ": " + m));
            cachedModels += audit.cachedModels();
            cachedPages += audit.cachedPages();
        }

        Figures.report(services.figure("stress"), "2 instances, %d rounds (seed %d): %s; audited %d cached models and %d cached pages: %d stale",
                ROUNDS, seed, ledger, cachedModels, cachedPages, mismatches.size());
        assertThat(ledger.failures()).as("seed %d: answers during the run", seed).isEmpty();
        assertThat(ledger.updates.get()).as("seed %d: updates that committed", seed).isGreaterThan(20);
        assertThat(mismatches).as("seed %d: cached entries that differ from the database", seed).isEmpty();
        assertThat(cachedModels).as("seed %d: cached models audited", seed).isPositive();
        assertThat(cachedPages).as("seed %d: cached pages audited", seed).isPositive();
        assertEveryInstanceServesTheDatabase(ledger, seed);
    }

    private CacheAudit audit(StressLedger ledger) {
        CacheAudit audit = new CacheAudit(services.probe(), database());
        ledger.everSeen().forEach(id -> audit.model(new ModelId(id)));
        for (String category : CATEGORIES) {
            for (int limit : LIMITS) audit.pages(new Category(category), limit);
        }
        return audit;
    }

    /** The client's view: after the races, reads through either instance answer what the database holds. */
    private void assertEveryInstanceServesTheDatabase(StressLedger ledger, long seed) {
        for (long id : ledger.everSeen()) {
            Optional<Model> row = database().findById(new ModelId(id));
            for (Instance instance : services.both()) {
                HttpReply read = instance.http().get("/models/" + id);
                assertThat(read.status()).as("seed %d: GET %d on %s", seed, id, instance).isEqualTo(row.isPresent() ? 200 : 404);
                row.ifPresent(m -> assertThat(read.json().get("version").asLong()).as("seed %d: version of %d on %s", seed, id, instance)
                        .isEqualTo(m.version()));
            }
        }
        for (String category : CATEGORIES) {
            for (int limit : LIMITS) {
                List<Long> expected = database().findFirstByCategory(new Category(category), limit).stream().map(m -> m.id().value()).toList();
                for (Instance instance : services.both()) {
                    List<Long> listed = new ArrayList<>();
                    instance.http().list(category, limit).json().get("items").forEach(n -> listed.add(n.get("id").asLong()));
                    assertThat(listed).as("seed %d: list '%s' limit %d on %s", seed, category, limit, instance).isEqualTo(expected);
                }
            }
        }
    }

    private ModelRepository database() {
        return services.a().repository().database();
    }
}
