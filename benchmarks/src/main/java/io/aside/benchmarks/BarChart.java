package io.aside.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * Horizontal bars, one a row, each labelled on its left and valued at its end: horizontal because the
 * scenarios' labels are long. The axis starts at zero, so that bar lengths compare as the values do.
 */
final class BarChart {
    /** One bar: what it is, how much, in what colour. */
    record Bar(String label, double value, String colour) {}

    private static final int WIDTH = 1000;
    private static final int LABELS = 320; // the bars start here; the labels end just left of it
    private static final int VALUES = 130; // right of the longest bar, for its value
    private static final int ROW = 30;
    private static final int BAR = 18;
    private static final int TOP = 10;
    private static final int AXIS = 30; // below the last row, for the tick labels
    private static final int TICKS = 5;

    private BarChart() {}

    /** {@code unit} follows each value ("req/s"). */
    static String svg(String title, String unit, List<Bar> bars) {
        double max = bars.stream().mapToDouble(BarChart::length).max().orElse(0);
        double step = OneTwoFive.atLeast(Math.max(max, 1) / TICKS);
        double axisMax = step * Math.max(1, Math.ceil(max / step));
        double pixelsPerUnit = (WIDTH - LABELS - VALUES) / axisMax;
        int bottom = TOP + bars.size() * ROW;
        Svg svg = new Svg(WIDTH, bottom + AXIS, title);
        for (double tick = 0; tick <= axisMax * (1 + 1e-9); tick += step) {
            double x = LABELS + tick * pixelsPerUnit;
            svg.line(x, TOP, x, bottom, tick == 0 ? Svg.AXIS : Svg.GRID).text(x, bottom + 18, "middle", count(tick));
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double y = TOP + i * ROW + (ROW - BAR) / 2.0;
            double length = length(bar) * pixelsPerUnit;
            String value = count(bar.value()) + " " + unit;
            svg.text(LABELS - 8, y + BAR - 5, "end", bar.label())
                    .rect(LABELS, y, length, BAR, bar.colour(), bar.label() + ": " + value)
                    .text(LABELS + length + 6, y + BAR - 5, "start", value);
        }
        return svg.toString();
    }

    /** A scenario in which no request completed has no throughput (NaN): no bar. */
    private static double length(Bar bar) {
        return Double.isFinite(bar.value()) ? Math.max(bar.value(), 0) : 0;
    }

    /** Whole numbers with thousands separated, as people read throughput. */
    private static String count(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,.0f", value) : "n/a";
    }
}
