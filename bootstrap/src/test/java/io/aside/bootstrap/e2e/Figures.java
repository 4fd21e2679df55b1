package io.aside.bootstrap.e2e;

/**
 * The figures the correctness tests measure while they assert their claims (database loads per
 * cold key, stale entries left, latency during outages), printed as {@code FIGURE <scenario>: …}
 * lines so that {@code scripts/figures.sh} can collect them from one run.
 */
public final class Figures {
    private Figures() {}

    public static void report(String scenario, String format, Object... args) {
        System.out.println("FIGURE " + scenario + ": " + String.format(format, args));
    }
}
