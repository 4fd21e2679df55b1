package io.aside.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The machine's cores and its one-minute load average, sampled before a run and again at its end.
 * The runs share the machine with whatever else is on it: the load printed beside the ratios says
 * whether a failed claim may be the machine's rather than the code's.
 */
final class MachineLoad {
    private final double atStart = loadAverage();

    private MachineLoad() {}

    static MachineLoad beforeRun() {
        return new MachineLoad();
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** {@code machine: N cores, load average X before the run, Y at its end (...)}, the end sampled now. */
    String summary() {
        return String.format(Locale.ROOT, "machine: %d cores, load average %.2f before the run, %.2f at its end (its own threads included)",
                cores(), atStart, loadAverage());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
