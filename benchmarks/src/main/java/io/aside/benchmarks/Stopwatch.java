package io.aside.benchmarks;

/** Wall time since a start, in seconds: every phase of the load run says how long it took. */
record Stopwatch(long startNanos) {
    static Stopwatch start() {
        return new Stopwatch(System.nanoTime());
    }

    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
