package io.aside.benchmarks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Latency by percentile, several scenarios overlaid, as HdrHistogram's own plots draw it. The x axis is
 * in "nines" (0, 90, 99, 99.9, 99.99 % equally spaced), because the tail is where cache and database
 * differ most and a linear axis would squeeze it into the last pixel; the y axis is logarithmic,
 * because a near-cache hit's fraction of a millisecond and the database's tens must both be read off
 * one chart. The right edge carries everything rarer than 1 in 10,000, up to the slowest request.
 */
final class PercentileChart {
    /** One scenario's line: its label, its colour, its latencies in nanoseconds as {@link Outcome} records them. */
    record Series(String label, String colour, Histogram latency) {}

    /** The x axis' ticks, one a nine; 99.99 % is as far as a few seconds' requests tell apart. */
    private static final List<String> PERCENTILES = List.of("0 %", "90 %", "99 %", "99.9 %", "99.99 %");
    static final int NINES = PERCENTILES.size() - 1;
    /** HdrHistogram's percentile steps: 5 per halving of what remains above, so ~17 points a nine, enough for a smooth line. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;
    /** The y axis goes no lower than a microsecond, the histograms' resolution at a millisecond. */
    private static final double FINEST_MILLIS = 0.001;

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 420;
    private static final int LEFT = 60;
    private static final int RIGHT = 690; // the legend is right of the plot, where it hides no line
    private static final int TOP = 30;
    private static final int BOTTOM = 370;

    private PercentileChart() {}

    static String svg(String title, List<Series> series) {
        LogAxis y = LogAxis.spanning(series);
        Svg svg = new Svg(WIDTH, HEIGHT, title);
        for (double tick : y.ticks()) {
            double at = y.pixel(tick);
            svg.line(LEFT, at, RIGHT, at, Svg.GRID).text(LEFT - 6, at + 4, "end", millis(tick));
        }
        for (int nine = 0; nine <= NINES; nine++) {
            double at = x(nine);
            svg.line(at, TOP, at, BOTTOM, nine == 0 ? Svg.AXIS : Svg.GRID).text(at, BOTTOM + 18, "middle", PERCENTILES.get(nine));
        }
        svg.line(LEFT, BOTTOM, RIGHT, BOTTOM, Svg.AXIS)
                .text(LEFT, TOP - 12, "start", "latency, ms (log scale)")
                .text((LEFT + RIGHT) / 2.0, BOTTOM + 40, "middle", "percentile (each step to the right ten times rarer)");
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            svg.polyline(points(s.latency(), y), s.colour(), s.label());
            double at = TOP + 10 + i * 22;
            svg.rect(RIGHT + 20, at - 5, 18, 10, s.colour(), s.label()).text(RIGHT + 44, at + 4, "start", s.label());
        }
        return svg.toString();
    }

    /** The histogram's percentile distribution as HdrHistogram iterates it, in pixels. */
    private static List<Svg.Point> points(Histogram latency, LogAxis y) {
        List<Svg.Point> points = new ArrayList<>();
        for (HistogramIterationValue v : latency.percentiles(TICKS_PER_HALF_DISTANCE)) {
            points.add(new Svg.Point(x(nines(v.getPercentileLevelIteratedTo())), y.pixel(v.getValueIteratedTo() / Outcome.NANOS_PER_MILLI)));
        }
        return points;
    }

    /** 90 % is 1 nine, 99 % 2, ...; past {@value #NINES} (and 100 %, infinitely many) at the right edge. */
    static double nines(double percentile) {
        double rarer = 1 - percentile / 100;
        return rarer <= 0 ? NINES : Math.min(-Math.log10(rarer), NINES);
    }

    private static double x(double nines) {
        return LEFT + nines / NINES * (RIGHT - LEFT);
    }

    /** 0.05, 2, 50: as many decimals as the tick needs. */
    private static String millis(double value) {
        return BigDecimal.valueOf(value).round(MathContext.DECIMAL32).stripTrailingZeros().toPlainString();
    }

    /** The y axis: from the 1-2-5 tick at or below the fastest request of any series to the one at or above the slowest. */
    private record LogAxis(double low, double high) {
        static LogAxis spanning(List<Series> series) {
            double fastest = series.stream().map(Series::latency).filter(h -> h.getTotalCount() > 0)
                    .mapToDouble(h -> h.getMinValue() / Outcome.NANOS_PER_MILLI).min().orElse(0.1);
            double slowest = series.stream().map(Series::latency).filter(h -> h.getTotalCount() > 0)
                    .mapToDouble(h -> h.getMaxValue() / Outcome.NANOS_PER_MILLI).max().orElse(1);
            double low = OneTwoFive.atMost(Math.max(fastest, FINEST_MILLIS));
            return new LogAxis(low, Math.max(OneTwoFive.atLeast(Math.max(slowest, FINEST_MILLIS)), low * 10));
        }

        List<Double> ticks() {
            return OneTwoFive.between(low, high);
        }

        double pixel(double millis) {
            double clamped = Math.min(Math.max(millis, low), high);
            return BOTTOM - Math.log10(clamped / low) / Math.log10(high / low) * (BOTTOM - TOP);
        }
    }
}
