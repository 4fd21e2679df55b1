package io.aside.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The load run's claim. With a near cache (Redis, issue "Near cache"): cached reads —
 * {@code GET /models/{id}} and list pages — serve at least {@value #MIN_CACHED_SPEEDUP}x the throughput
 * of uncached ones and at least {@value #MIN_SHARE_OF_CEILING}x the ceiling's (a request that touches no
 * store), and a hit in the server alone (near cache off) at least {@value #MIN_SERVER_SPEEDUP}x uncached.
 * Without one (memcached), every cached read is a hit in the server alone, so the claim is the latter,
 * for reads by id and list pages both; the ceiling's ratios are printed, not claimed. Either way, no
 * errors and every response from the intended path: a run with errors or wrong X-Cache answers did not
 * measure what it says, whatever its ratios.
 */
final class LoadClaim {
    /*
     * A cached read answered from the near cache costs what the ceiling's 400 costs plus a map lookup
     * and a model's JSON: the claim is that it stays within 15 % of it, and that the cache earns its
     * keep three times over against MariaDB answering primary-key lookups from its buffer pool. The
     * figures are not lowered to make a run pass: a failing run says the cache did not earn its keep,
     * or that the machine was busy (see the load average it prints).
     */
    static final double MIN_CACHED_SPEEDUP = 3.0;
    static final double MIN_SHARE_OF_CEILING = 0.85;
    /*
     * A hit in the server costs a round trip to it (a cluster master; a memcached server, two for a
     * list page: its category's generation, then the page) and decoding a model, where the database's
     * costs a pooled JDBC round trip and mapping a row: the claim is that the cache server alone, one
     * Redis, a cluster or memcached, still beats MariaDB's buffer pool by half. It is the same floor for
     * every server: memcached is not let off lighter because it has no near cache.
     */
    static final double MIN_SERVER_SPEEDUP = 1.5;

    private LoadClaim() {}

    /**
     * One part of the claim: what the verdict says of it, and why it failed (nothing: it held). The
     * HTML report shows each with its own pass or fail; the console only the verdict's lines.
     */
    record Check(String said, List<String> failures) {
        Check {
            failures = List.copyOf(failures);
        }

        boolean holds() {
            return failures.isEmpty();
        }
    }

    /** The verdict on {@code outcomes} (in the order of {@link Scenario#all}): every failing check's reasons, or the statement of all of them. */
    static Claim.Verdict verdict(CacheKind kind, List<Outcome> outcomes) {
        List<Check> checks = checks(kind, outcomes);
        List<String> failures = checks.stream().flatMap(c -> c.failures().stream()).toList();
        return new Claim.Verdict(failures, statement(kind, checks));
    }

    /** Every part of the claim on {@code outcomes}: the ratios, then "no errors". */
    static List<Check> checks(CacheKind kind, List<Outcome> outcomes) {
        return Stream.concat(ratios(kind, outcomes).stream(), Stream.of(noErrors(outcomes))).toList();
    }

    /** The parts joined; what this cache does not claim qualifies the ratios, so it is said after them, before "no errors". */
    private static String statement(CacheKind kind, List<Check> checks) {
        int last = checks.size() - 1;
        return checks.subList(0, last).stream().map(Check::said).collect(Collectors.joining(", ")) + notChecked(kind)
                + ", " + checks.get(last).said();
    }

    /** The ratios printed but not claimed on this cache; empty where every ratio is claimed. */
    static String notChecked(CacheKind kind) {
        return kind.nearCache() ? "" : " (no near cache: the ceiling's " + MIN_SHARE_OF_CEILING + "x is a near-cache claim, not checked here)";
    }

    private static List<Check> ratios(CacheKind kind, List<Outcome> outcomes) {
        Outcome ceiling = outcomes.get(4);
        if (kind.nearCache()) {
            return List.of(ratio(outcomes.get(0), outcomes.get(1), MIN_CACHED_SPEEDUP),
                    ratio(outcomes.get(2), outcomes.get(3), MIN_CACHED_SPEEDUP),
                    ratio(outcomes.get(0), ceiling, MIN_SHARE_OF_CEILING),
                    ratio(outcomes.get(2), ceiling, MIN_SHARE_OF_CEILING),
                    ratio(outcomes.get(5), outcomes.get(1), MIN_SERVER_SPEEDUP));
        }
        return List.of(ratio(outcomes.get(0), outcomes.get(1), MIN_SERVER_SPEEDUP),
                ratio(outcomes.get(2), outcomes.get(3), MIN_SERVER_SPEEDUP));
    }

    /** No errors and every response from the intended path: a run with either did not measure what it says, whatever its ratios. */
    private static Check noErrors(List<Outcome> outcomes) {
        List<String> failures = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.errors() > 0) failures.add(o.errors() + " errors in " + o.scenario().label() + ", first: " + o.firstProblem());
            if (o.wrongCache() > 0) failures.add(o.wrongCache() + " responses in " + o.scenario().label()
                    + " did not come from the intended path, first: " + o.firstProblem());
            if (o.requests() == 0) failures.add("no request completed in " + o.scenario().label());
        }
        return new Check("no errors", failures);
    }

    /** One throughput ratio against its floor, as the verdict says it. */
    private static Check ratio(Outcome first, Outcome second, double floor) {
        double ratio = first.throughput() / second.throughput();
        String said = String.format(Locale.ROOT, "%s %s/%s %.2fx (at least %.2fx)", first.scenario().request(), first.scenario().instance(),
                second.scenario().instance(), ratio, floor);
        return new Check(said, ratio >= floor ? List.of() : List.of(said)); // a NaN, from a scenario with no request, fails too
    }
}
