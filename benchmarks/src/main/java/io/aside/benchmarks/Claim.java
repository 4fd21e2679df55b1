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
        return new Verdict(List.of(), statement).print();
    }

    static int failed(String reason) {
        return new Verdict(List.of(reason), reason).print();
    }

    /** Fails with every reason given (all of them, not just the first: each explains part of a bad run), or holds. */
    static int judge(List<String> failures, String statement) {
        return new Verdict(failures, statement).print();
    }

    /**
     * A claim judged but not yet said: its lines are built once, here, so that the console and the
     * load run's HTML report show the same words.
     */
    record Verdict(List<String> failures, String statement) {
        Verdict {
            failures = List.copyOf(failures);
        }

        boolean holds() {
            return failures.isEmpty();
        }

        List<String> lines() {
            if (holds()) return List.of("CLAIM HOLDS: " + statement);
            return failures.stream().map(reason -> "CLAIM FAILED: " + reason).toList();
        }

        /** Prints the lines; returns the exit code. */
        int print() {
            lines().forEach(System.out::println);
            return holds() ? HOLDS : FAILED;
        }
    }
}
