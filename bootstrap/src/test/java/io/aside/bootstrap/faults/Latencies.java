package io.aside.bootstrap.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Request latencies, with the nearest-rank percentiles the fault tests bound. */
public final class Latencies {
    private final List<Long> nanos = new ArrayList<>();

    public void add(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    int count() {
        return nanos.size();
    }

    Duration median() {
        return percentile(50);
    }

    Duration p99() {
        return percentile(99);
    }

    Duration min() {
        return percentile(0);
    }

    /** The smallest sample that at least {@code p} percent of the samples do not exceed. */
    Duration percentile(double p) {
        if (nanos.isEmpty()) throw new IllegalStateException("no samples");
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return Duration.ofNanos(sorted.get(Math.max(0, rank - 1)));
    }

    @Override
    public String toString() {
        if (nanos.isEmpty()) return "n=0";
        return String.format("n=%d min=%.1f p50=%.1f p99=%.1f max=%.1f ms", count(), ms(min()), ms(median()), ms(p99()),
                ms(percentile(100)));
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }
}
