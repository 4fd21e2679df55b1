package io.aside.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The 1-2-5 series (..., 0.1, 0.2, 0.5, 1, 2, 5, 10, ...): round numbers for the charts' axes, on a
 * linear axis as the step between ticks, on a log axis as the ticks themselves (three a decade, enough
 * to read a value off without crowding the axis).
 */
final class OneTwoFive {
    private static final int[] MANTISSAS = {1, 2, 5};
    /** Slack for the rounding of logarithms: 1000 is in the series even if log10 makes it 2.9999999. */
    private static final double SLACK = 1e-9;

    private OneTwoFive() {}

    /** The smallest number of the series at or above {@code value} (positive). */
    static double atLeast(double value) {
        int exponent = (int) Math.floor(Math.log10(value));
        for (int m : MANTISSAS) {
            double candidate = number(m, exponent);
            if (candidate >= value * (1 - SLACK)) return candidate;
        }
        return number(1, exponent + 1);
    }

    /** The largest number of the series at or below {@code value} (positive). */
    static double atMost(double value) {
        int exponent = (int) Math.floor(Math.log10(value));
        for (int i = MANTISSAS.length - 1; i >= 0; i--) {
            double candidate = number(MANTISSAS[i], exponent);
            if (candidate <= value * (1 + SLACK)) return candidate;
        }
        return number(5, exponent - 1);
    }

    /** Every number of the series from {@code low} to {@code high}, both included when they are in it. */
    static List<Double> between(double low, double high) {
        List<Double> values = new ArrayList<>();
        for (double v = atLeast(low); v <= high * (1 + SLACK); v = atLeast(v * 1.01)) values.add(v);
        return values;
    }

    /** m x 10^exponent in one correctly rounded operation, so that 5 x 10^-2 is exactly the double 0.05. */
    private static double number(int mantissa, int exponent) {
        return exponent < 0 ? mantissa / Math.pow(10, -exponent) : mantissa * Math.pow(10, exponent);
    }
}
