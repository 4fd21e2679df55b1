package io.aside.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The machine's cores and its one-minute load average, sampled before a run and again at its end.
 * The runs share the machine with whatever else is on it: the load printed beside the ratios says
 * whether a failed claim may be the machine's rather than the code's.
 */
final class MachineLoad {
    private final double atStart;
    /** NaN until {@link #afterRun()}: then fixed, so that everything said of the run says the same figure. */
    private final double atEnd;

    MachineLoad(double atStart, double atEnd) {
        this.atStart = atStart;
        this.atEnd = atEnd;
    }

    static MachineLoad beforeRun() {
        return new MachineLoad(loadAverage(), Double.NaN);
    }

    /** The same start, the end sampled now and kept: the console and the HTML report show one figure. */
    MachineLoad afterRun() {
        return new MachineLoad(atStart, loadAverage());
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The end as sampled by {@link #afterRun()}, else now. */
    private double atEnd() {
        return Double.isNaN(atEnd) ? loadAverage() : atEnd;
    }

    /** {@code machine: N cores, load average X before the run, Y at its end (...)}. */
    String summary() {
        return "machine: " + description();
    }

    /** {@code N cores, load average X before the run, Y at its end (...)}. */
    String description() {
        return String.format(Locale.ROOT, "%d cores, load average %.2f before the run, %.2f at its end (its own threads included)",
                cores(), atStart, atEnd());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
