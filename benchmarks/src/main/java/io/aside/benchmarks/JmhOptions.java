package io.aside.benchmarks;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JMH options every runner here shares: the benchmarks of one class, failing on any error, with
 * {@code -Dbench.forks/warmups/iterations/seconds/verbose} overriding the class's own annotations.
 */
final class JmhOptions {
    private JmhOptions() {}

    static ChainedOptionsBuilder of(Class<?> benchmarks) {
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include(benchmarks.getName() + "\\.")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.valueOf(System.getProperty("bench.verbose", "NORMAL")));
        Integer forks = Integer.getInteger("bench.forks");
        Integer warmups = Integer.getInteger("bench.warmups");
        Integer iterations = Integer.getInteger("bench.iterations");
        Integer seconds = Integer.getInteger("bench.seconds");
        if (forks != null) builder.forks(forks);
        if (warmups != null) builder.warmupIterations(warmups);
        if (iterations != null) builder.measurementIterations(iterations);
        if (seconds != null) builder.warmupTime(TimeValue.seconds(seconds)).measurementTime(TimeValue.seconds(seconds));
        return builder;
    }
}
