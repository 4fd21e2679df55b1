package io.aside.benchmarks;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * What one load run measured, fixed at its end (the machine's load included): the console's table and
 * verdict and the HTML report are all read from it, so they say the same.
 *
 * @param outcomes in the order of {@link Scenario#all}
 * @param seconds  the whole run's wall time, set-up included
 */
record LoadResult(LoadSettings settings, List<Outcome> outcomes, double seconds, MachineLoad machine, ZonedDateTime finished) {
    LoadResult {
        outcomes = List.copyOf(outcomes);
    }

    CacheKind cache() {
        return settings.cache();
    }

    Claim.Verdict verdict() {
        return LoadClaim.verdict(cache(), outcomes);
    }
}
