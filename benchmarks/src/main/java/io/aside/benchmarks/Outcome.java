package io.aside.benchmarks;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * What one scenario measured: the requests completed in the time they took, their latencies in an
 * HdrHistogram (exact percentiles, not averages of averages), and the problems seen.
 */
record Outcome(Scenario scenario, long requests, double seconds, Histogram latency, long errors, long wrongCache,
               String firstProblem) {
    /** A minute, far above the client's timeouts: only a request that hung past them is clamped to it. */
    static final long HIGHEST_TRACKABLE_NANOS = Duration.ofSeconds(60).toNanos();
    /** The histograms hold nanoseconds; everything shown is in milliseconds. */
    static final double NANOS_PER_MILLI = 1e6;

    /** Three significant digits: 1 µs resolution at a millisecond, far finer than the run can tell apart. */
    static Histogram emptyLatencies() {
        return new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
    }

    /** The round with the higher throughput, carrying the errors and wrong paths of both: none may hide in a discarded round. */
    static Outcome better(Outcome one, Outcome other) {
        Outcome kept = other.throughput() > one.throughput() ? other : one;
        String problem = one.firstProblem() != null ? one.firstProblem() : other.firstProblem();
        return new Outcome(kept.scenario(), kept.requests(), kept.seconds(), kept.latency(), one.errors() + other.errors(),
                one.wrongCache() + other.wrongCache(), problem);
    }

    double throughput() {
        return requests / seconds;
    }

    double p50Millis() {
        return millisAt(50);
    }

    double p99Millis() {
        return millisAt(99);
    }

    /** The latency at {@code percentile} (0..100), in milliseconds. */
    double millisAt(double percentile) {
        return latency.getValueAtPercentile(percentile) / NANOS_PER_MILLI;
    }

    double maxMillis() {
        return latency.getMaxValue() / NANOS_PER_MILLI;
    }
}
