package io.aside.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * The load run's table and the ratios read from it. Everything shares one machine, so the ratios
 * measured in the same run, not the absolute numbers, are the result.
 */
final class LoadReport {
    private LoadReport() {}

    /** {@code outcomes} in the order of {@link Scenario#all}. */
    static void print(LoadSettings settings, List<Outcome> outcomes, double totalSeconds, MachineLoad machine) {
        System.out.println();
        System.out.printf(Locale.ROOT, "== LoadRun on %s: %d client threads, best of %d rounds of %d s per scenario, loopback, HttpURLConnection keep-alive ==%n",
                settings.cache().description(), settings.threads(), LoadDriver.ROUNDS, settings.duration().toSeconds());
        System.out.printf(Locale.ROOT, "%-42s %9s %9s %8s %8s %8s %7s %7s%n",
                "scenario", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "X-Cache");
        for (Outcome o : outcomes) {
            System.out.printf(Locale.ROOT, "%-42s %9d %9.0f %8.2f %8.2f %8.2f %7d %7s%n", o.scenario().label(), o.requests(),
                    o.throughput(), o.p50Millis(), o.p99Millis(), o.maxMillis(), o.errors(), xCache(o));
        }
        if (!settings.cache().nearCache()) {
            System.out.printf(Locale.ROOT, "%-42s %s%n", "GET /models/{id} server only",
                    "n/a: no near cache on " + settings.cache().description() + "; the cached rows are already server hits");
        }
        Outcome getCached = outcomes.get(0);
        Outcome getUncached = outcomes.get(1);
        Outcome listCached = outcomes.get(2);
        Outcome listUncached = outcomes.get(3);
        Outcome ceiling = outcomes.get(4);
        System.out.println();
        System.out.println("ratios (throughput: higher is better for the first; p50: below 1 means the first is faster)");
        ratios("GET /models/{id}  cached/uncached", getCached, getUncached);
        ratios("GET /models?...   cached/uncached", listCached, listUncached);
        ratios("GET /models/{id}  cached/ceiling ", getCached, ceiling);
        ratios("GET /models?...   cached/ceiling ", listCached, ceiling);
        if (settings.cache().nearCache()) ratios("GET /models/{id}  " + settings.cache().serverOnlyLabel() + "/uncached", outcomes.get(5), getUncached);
        System.out.printf(Locale.ROOT, "run time: %.1f s; %s%n", totalSeconds, machine.summary());
    }

    /** "all HIT" when every answer took the intended path, else how many did not; "-" where there is no cache. */
    private static String xCache(Outcome o) {
        String expected = o.scenario().expectedXCache();
        if (expected == null) return "-";
        return o.wrongCache() == 0 ? "all " + expected : o.wrongCache() + " not " + expected;
    }

    private static void ratios(String label, Outcome first, Outcome second) {
        System.out.printf(Locale.ROOT, "  %s  throughput %5.2fx   p50 %5.2fx%n", label,
                first.throughput() / second.throughput(), first.p50Millis() / second.p50Millis());
    }
}
