package io.aside.benchmarks;

import org.openjdk.jmh.results.Result;

/** The ends of a JMH score's confidence interval, which claims are judged at (the score itself if JMH gave none). */
final class Confidence {
    private Confidence() {}

    static double upper(Result<?> r) {
        double error = r.getScoreError();
        return Double.isNaN(error) ? r.getScore() : r.getScore() + error;
    }

    static double lower(Result<?> r) {
        double error = r.getScoreError();
        return Double.isNaN(error) ? r.getScore() : Math.max(r.getScore() - error, 0);
    }
}
