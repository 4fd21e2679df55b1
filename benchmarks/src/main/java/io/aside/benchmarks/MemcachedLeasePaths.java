package io.aside.benchmarks;

import io.aside.cache.MemcachedLeasePathsBenchmark;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

/**
 * Runs {@link MemcachedLeasePathsBenchmark} — the lease on a memcached miss taken by an add (the
 * adapter's path) or by the meta protocol's win flag — and prints the two side by side: calls per
 * second for a cold key, a hit and a race of {@code contenders} threads on one fresh key, the ratio
 * add/win-flag, and the round trips the losers of a race paid.
 *
 * <p><b>Claim</b> (exit 1 with a {@code CLAIM FAILED} line otherwise), what the choice of the add path
 * rests on: (1) the win-flag path is not faster than the add path by more than
 * {@value #MAX_WIN_FLAG_ADVANTAGE}x on a cold key or a hit, judged at the ends of the 99.9 % confidence
 * intervals that favour it — both paths pay 2 round trips for a lease and 1 for a hit; (2) in a race,
 * every win-flag loser pays exactly 1 round trip (the {@code Z} flag), while the add path's losers pay
 * more than 1 on average — else the races did not race and the contended figures say nothing. Each
 * benchmark also fails on its own if a reply is not what its path expects or a race has other than
 * one winner, and each path is checked against the port's contract before it is measured.
 *
 * <p>Reproduce (from the repository root; about 70 s on a 2-core machine; needs {@code memcached}):
 * <pre>
 * mvn -q -DskipTests package
 * java -cp benchmarks/target/benchmarks.jar io.aside.benchmarks.MemcachedLeasePaths
 * </pre>
 * The benchmark's annotations set the run (1 fork, warm-up 3x1 s, measured 5x1 s); the same system
 * properties as {@link RunJmh} override them: {@code -Dbench.forks=N -Dbench.warmups=N
 * -Dbench.iterations=N -Dbench.seconds=N -Dbench.verbose=SILENT|NORMAL|EXTRA}.
 */
public final class MemcachedLeasePaths {
    static final double MAX_WIN_FLAG_ADVANTAGE = 1.10;

    private MemcachedLeasePaths() {}

    public static void main(String[] args) {
        ChainedOptionsBuilder builder = JmhOptions.of(MemcachedLeasePathsBenchmark.class);
        long start = System.nanoTime();
        MachineLoad machine = MachineLoad.beforeRun();
        Collection<RunResult> results;
        try {
            results = new Runner(builder.build()).run();
        } catch (RunnerException e) {
            System.exit(Claim.failed("a benchmark errored, nothing to compare: " + e.getMessage()));
            return;
        }
        Map<String, RunResult> byName = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            byName.put(name.substring(name.lastIndexOf('.') + 1), r);
        }
        System.exit(report(byName, (System.nanoTime() - start) / 1e9, machine));
    }

    private static int report(Map<String, RunResult> results, double elapsedSeconds, MachineLoad machine) {
        List<String> failures = new ArrayList<>();
        System.out.println();
        System.out.println("== MemcachedLeasePaths: a lease on a miss by add (a) or by the win flag (b), one memcached on loopback ==");
        System.out.println("   calls per second on 1 thread (a race: " + MemcachedLeasePathsBenchmark.class.getSimpleName()
                + "'s contenders released together on one fresh key), ± half-width of the 99.9% confidence interval");
        System.out.printf(Locale.ROOT, "   %-16s %22s %22s %8s%n", "", "(a) add", "(b) win flag", "a/b");
        for (String what : new String[] {"Cold", "Hit", "Contended"}) {
            Result<?> add = primary(results, "add" + what);
            Result<?> win = primary(results, "winFlag" + what);
            if (add == null || win == null) {
                failures.add(what + ": the two paths did not both produce a result");
                continue;
            }
            System.out.printf(Locale.ROOT, "   %-16s %12.0f ± %7.0f %12.0f ± %7.0f %7.2fx%n", label(what), add.getScore(), add.getScoreError(),
                    win.getScore(), win.getScoreError(), add.getScore() / win.getScore());
            if (!what.equals("Contended") && Confidence.lower(win) > MAX_WIN_FLAG_ADVANTAGE * Confidence.upper(add)) {
                failures.add(String.format(Locale.ROOT, "%s: the win-flag path is faster than the add path by more than %.2fx even at the ends"
                        + " of the intervals that favour the add path (%.0f vs %.0f calls/s)", label(what), MAX_WIN_FLAG_ADVANTAGE, Confidence.lower(win), Confidence.upper(add)));
            }
        }
        System.out.println();
        System.out.println("   round trips: a lease on a cold key 2 (a) and 2 (b), a hit 1 and 1 (checked on every call); in the races:");
        double addPerLoser = roundTripsPerLoser(results, "addContended", failures);
        double winPerLoser = roundTripsPerLoser(results, "winFlagContended", failures);
        if (!Double.isNaN(winPerLoser) && winPerLoser != 1.0) {
            failures.add(String.format(Locale.ROOT, "a win-flag loser should pay exactly 1 round trip, paid %.3f on average", winPerLoser));
        }
        if (!Double.isNaN(addPerLoser) && !(addPerLoser > 1.0)) {
            failures.add(String.format(Locale.ROOT, "the add path's losers paid %.3f round trips on average: no loser raced, so the"
                    + " contended benchmarks measured no race", addPerLoser));
        }
        System.out.printf(Locale.ROOT, "run time: %.0f s%n", elapsedSeconds);
        System.out.println(machine.summary());
        return Claim.judge(failures, String.format(Locale.ROOT, "the win-flag path is not faster than the add path by more than %.2fx"
                + " on a cold key or a hit; in a race its losers pay 1 round trip, the add path's %.2f on average",
                MAX_WIN_FLAG_ADVANTAGE, addPerLoser));
    }

    private static String label(String what) {
        return switch (what) {
            case "Cold" -> "cold-key lease";
            case "Hit" -> "hit";
            default -> "contended race";
        };
    }

    /** Prints one path's race counts; returns its round trips per loser (NaN without counts). */
    private static double roundTripsPerLoser(Map<String, RunResult> results, String name, List<String> failures) {
        RunResult run = results.get(name);
        if (run == null) return Double.NaN;
        Map<String, Result> counts = run.getSecondaryResults();
        double races = score(counts, "races");
        double losers = score(counts, "losers");
        double loserTrips = score(counts, "loserRoundTrips");
        double raced = score(counts, "losersWhoRaced");
        double winnerTrips = score(counts, "winnerRoundTrips");
        if (!(races > 0) || !(losers > 0)) {
            failures.add(name + ": no race was counted");
            return Double.NaN;
        }
        System.out.printf(Locale.ROOT, "   %-17s %8.0f races: winner %.2f round trips; per loser %.3f; %.1f%% of losers raced the winner"
                + " (found the key missing or, win flag, still empty)%n", name, races, winnerTrips / races, loserTrips / losers, 100 * raced / losers);
        return loserTrips / losers;
    }

    @SuppressWarnings("rawtypes")
    private static double score(Map<String, Result> counts, String name) {
        Result r = counts.get(name);
        return r == null ? Double.NaN : r.getScore();
    }

    private static Result<?> primary(Map<String, RunResult> results, String name) {
        RunResult r = results.get(name);
        return r == null ? null : r.getPrimaryResult();
    }
}
