package io.aside.benchmarks;

import static io.aside.benchmarks.SyntheticRun.BY_ID;
import static io.aside.benchmarks.SyntheticRun.CEILING;
import static io.aside.benchmarks.SyntheticRun.LIST;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadClaimTest {
    private static final List<Outcome> MEMCACHED = List.of(
            SyntheticRun.outcome(BY_ID, "cached", "HIT", 8_000, 100, 1_000),
            SyntheticRun.outcome(BY_ID, "uncached", "MISS", 4_000, 1_000, 10_000),
            SyntheticRun.outcome(LIST, "cached", "HIT", 8_000, 200, 2_000),
            SyntheticRun.outcome(LIST, "uncached", "MISS", 4_000, 2_000, 20_000),
            SyntheticRun.outcome(CEILING, Scenario.CEILING, null, 44_000, 50, 500));

    @Test
    void givenAHoldingRun_whenJudged_thenOneLineStatesEveryPartInOrder() {
        LoadResult redis = SyntheticRun.redisHolding();

        Claim.Verdict verdict = redis.verdict();

        assertThat(verdict.holds()).isTrue();
        assertThat(verdict.lines()).containsExactly("CLAIM HOLDS: " + String.join(", ",
                LoadClaim.checks(CacheKind.REDIS, redis.outcomes()).stream().map(LoadClaim.Check::said).toList()));
        assertThat(LoadClaim.checks(CacheKind.REDIS, redis.outcomes())).allMatch(LoadClaim.Check::holds).hasSize(6);
    }

    @Test
    void givenMemcached_whenJudged_thenTheCeilingIsSaidToBeUncheckedBeforeNoErrors() {
        assertThat(LoadClaim.verdict(CacheKind.MEMCACHED, MEMCACHED).lines()).containsExactly("CLAIM HOLDS: "
                + BY_ID + " cached/uncached 2.00x (at least 1.50x), " + LIST + " cached/uncached 2.00x (at least 1.50x)"
                + " (no near cache: the ceiling's 0.85x is a near-cache claim, not checked here), no errors");
    }

    @Test
    void givenARatioBelowItsFloorAndErrors_whenJudged_thenEachIsAFailedLineAndItsCheckFails() {
        List<Outcome> outcomes = List.of(MEMCACHED.get(0), SyntheticRun.outcome(BY_ID, "uncached", "MISS", 8_000, 1_000, 10_000),
                MEMCACHED.get(2), SyntheticRun.withProblems(MEMCACHED.get(3), 2, 0, "HTTP 500"), MEMCACHED.get(4));

        assertThat(LoadClaim.verdict(CacheKind.MEMCACHED, outcomes).lines()).containsExactly(
                "CLAIM FAILED: " + BY_ID + " cached/uncached 1.00x (at least 1.50x)",
                "CLAIM FAILED: 2 errors in " + LIST + " uncached, first: HTTP 500");
        assertThat(LoadClaim.checks(CacheKind.MEMCACHED, outcomes)).extracting(LoadClaim.Check::holds).containsExactly(false, true, false);
    }
}
