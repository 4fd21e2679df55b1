package io.aside.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load run's table and the ratios read from it. Everything shares one machine, so the ratios
 * measured in the same run, not the absolute numbers, are the result. Built as lines rather than
 * printed, so that the HTML report shows exactly what the console did.
 */
final class LoadReport {
    private LoadReport() {}

    /** The table, its ratios and the run's time and machine, as printed (the first line is blank). */
    static List<String> lines(LoadResult result) {
        LoadSettings settings = result.settings();
        List<Outcome> outcomes = result.outcomes();
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(format("== LoadRun on %s: %d client threads, best of %d rounds of %d s per scenario, loopback, HttpURLConnection keep-alive ==",
                settings.cache().description(), settings.threads(), LoadDriver.ROUNDS, settings.duration().toSeconds()));
        lines.add(format("%-42s %9s %9s %8s %8s %8s %7s %7s",
                "scenario", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "X-Cache"));
        for (Outcome o : outcomes) {
            lines.add(format("%-42s %9d %9.0f %8.2f %8.2f %8.2f %7d %7s", o.scenario().label(), o.requests(),
                    o.throughput(), o.p50Millis(), o.p99Millis(), o.maxMillis(), o.errors(), xCache(o)));
        }
        if (!settings.cache().nearCache()) {
            lines.add(format("%-42s %s", "GET /models/{id} server only",
                    "n/a: no near cache on " + settings.cache().description() + "; the cached rows are already server hits"));
        }
        Outcome getCached = outcomes.get(0);
        Outcome getUncached = outcomes.get(1);
        Outcome listCached = outcomes.get(2);
        Outcome listUncached = outcomes.get(3);
        Outcome ceiling = outcomes.get(4);
        lines.add("");
        lines.add("ratios (throughput: higher is better for the first; p50: below 1 means the first is faster)");
        lines.add(ratios("GET /models/{id}  cached/uncached", getCached, getUncached));
        lines.add(ratios("GET /models?...   cached/uncached", listCached, listUncached));
        lines.add(ratios("GET /models/{id}  cached/ceiling ", getCached, ceiling));
        lines.add(ratios("GET /models?...   cached/ceiling ", listCached, ceiling));
        if (settings.cache().nearCache()) {
            lines.add(ratios("GET /models/{id}  " + settings.cache().serverOnlyLabel() + "/uncached", outcomes.get(5), getUncached));
        }
        lines.add(format("run time: %.1f s; %s", result.seconds(), result.machine().summary()));
        return List.copyOf(lines);
    }

    /** "all HIT" when every answer took the intended path, else how many did not; "-" where there is no cache. */
    private static String xCache(Outcome o) {
        String expected = o.scenario().expectedXCache();
        if (expected == null) return "-";
        return o.wrongCache() == 0 ? "all " + expected : o.wrongCache() + " not " + expected;
    }

    private static String ratios(String label, Outcome first, Outcome second) {
        return format("  %s  throughput %5.2fx   p50 %5.2fx", label, first.throughput() / second.throughput(),
                first.p50Millis() / second.p50Millis());
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
