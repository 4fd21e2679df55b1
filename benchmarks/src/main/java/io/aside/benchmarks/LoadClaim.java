package io.aside.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load run's claim: cached {@code GET /models/{id}} serves at least {@value #MIN_CACHED_SPEEDUP}x
 * the throughput of uncached, with no errors and every response from the intended path. A run with
 * errors or wrong X-Cache answers did not measure what it says, whatever its ratio.
 */
final class LoadClaim {
    /*
     * The claim is 1.5x, and on the 2-core development machine it holds with a thin margin: six runs in
     * which Redis kept up gave 1.51-1.80x for GET by id (1.42-1.49x for list pages, not part of the
     * claim). On a busy machine Redis calls overrun the service's 50 ms timeout, its circuit breaker
     * sheds the cache, "cached" reads come from MariaDB and the run fails on X-Cache, as it should. The
     * margin is thin because everything shares two cores and both instances pay the same HTTP and
     * JSON costs: a cached read still costs ~5x the ceiling's 400, while MariaDB answers a primary-key
     * lookup from its buffer pool over loopback in a fraction of a millisecond. It is not lowered to
     * make the run pass: below 1.5x the cache would not be earning its keep, and a failing run says
     * so (or says that the machine was busy: see the load average it prints).
     */
    static final double MIN_CACHED_SPEEDUP = 1.5;

    private LoadClaim() {}

    /** Prints the verdict on {@code outcomes} (in the order of {@link Scenario#all}); returns the exit code. */
    static int check(List<Outcome> outcomes) {
        List<String> failures = new ArrayList<>();
        double speedup = outcomes.get(0).throughput() / outcomes.get(1).throughput();
        if (!(speedup >= MIN_CACHED_SPEEDUP)) { // also fails a NaN, from a scenario with no request
            failures.add(String.format(Locale.ROOT, "cached GET /models/{id} throughput is %.2fx uncached, the claim is at least %.1fx",
                    speedup, MIN_CACHED_SPEEDUP));
        }
        for (Outcome o : outcomes) {
            if (o.errors() > 0) failures.add(o.errors() + " errors in " + o.scenario().label() + ", first: " + o.firstProblem());
            if (o.wrongCache() > 0) failures.add(o.wrongCache() + " responses in " + o.scenario().label()
                    + " did not come from the intended path, first: " + o.firstProblem());
            if (o.requests() == 0) failures.add("no request completed in " + o.scenario().label());
        }
        return Claim.judge(failures, String.format(Locale.ROOT,
                "cached GET /models/{id} serves %.2fx the uncached throughput (at least %.1fx), no errors", speedup, MIN_CACHED_SPEEDUP));
    }
}
