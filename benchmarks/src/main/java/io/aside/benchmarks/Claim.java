package io.aside.benchmarks;

import java.util.List;

/**
 * How {@link RunJmh} and {@link LoadRun} end: one {@code CLAIM FAILED} line per reason, or one
 * {@code CLAIM HOLDS} line, and the exit code that goes with it, so that a script can tell a failed
 * claim from a passed one without reading the table.
 */
final class Claim {
    static final int HOLDS = 0;
    static final int FAILED = 1;

    private Claim() {}

    static int holds(String statement) {
        System.out.println("CLAIM HOLDS: " + statement);
        return HOLDS;
    }

    static int failed(String reason) {
        System.out.println("CLAIM FAILED: " + reason);
        return FAILED;
    }

    /** Fails with every reason given (all of them, not just the first: each explains part of a bad run), or holds. */
    static int judge(List<String> failures, String statement) {
        if (failures.isEmpty()) return holds(statement);
        failures.forEach(Claim::failed);
        return FAILED;
    }
}
