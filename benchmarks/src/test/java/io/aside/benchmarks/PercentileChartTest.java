package io.aside.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class PercentileChartTest {
    @Test
    void givenPercentiles_whenPlaced_thenEachNineIsOneStepAndTheTailStopsAtTheRightEdge() {
        assertThat(PercentileChart.nines(0)).isZero();
        assertThat(PercentileChart.nines(90)).isCloseTo(1, offset(1e-9));
        assertThat(PercentileChart.nines(99)).isCloseTo(2, offset(1e-9));
        assertThat(PercentileChart.nines(99.9)).isCloseTo(3, offset(1e-9));
        assertThat(PercentileChart.nines(99.99)).isCloseTo(4, offset(1e-9));
        assertThat(PercentileChart.nines(99.999)).isEqualTo(PercentileChart.NINES);
        assertThat(PercentileChart.nines(100)).isEqualTo(PercentileChart.NINES);
    }

    @Test
    void givenOneRequestInAHundredSlow_whenPlotted_thenTheLineIsFlatAtTheFastValueAndClimbsToTheSlowOneAfter99Percent() {
        Histogram latency = Outcome.emptyLatencies();
        latency.recordValueWithCount(1_000_000, 9_900); // 1 ms
        latency.recordValueWithCount(100_000_000, 100); // 100 ms
        Page svg = Page.parse(PercentileChart.svg("one in a hundred slow", List.of(new PercentileChart.Series("mixed", "#123456", latency))));

        Element line = svg.all("//polyline").get(0);
        List<double[]> points = Page.points(line);
        double at99 = xOfTick(svg, "99 %");
        assertThat(line.getAttribute("stroke")).isEqualTo("#123456");
        assertThat(points.get(0)[0]).isEqualTo(xOfTick(svg, "0 %"));
        assertThat(points.get(points.size() - 1)[0]).isEqualTo(xOfTick(svg, "99.99 %"));
        assertThat(points).filteredOn(p -> p[0] < at99 - 0.5).isNotEmpty().allSatisfy(p -> assertThat(p[1]).isCloseTo(yOfTick(svg, "1"), offset(0.5)));
        assertThat(points).filteredOn(p -> p[0] > at99 + 0.5).isNotEmpty().allSatisfy(p -> assertThat(p[1]).isCloseTo(yOfTick(svg, "100"), offset(0.5)));
        assertThat(svg.texts("//text")).contains("0 %", "90 %", "99 %", "99.9 %", "99.99 %", "0.5", "1", "2", "5", "10", "20", "50", "100", "mixed");
    }

    @Test
    void givenSeveralSeries_whenPlotted_thenEachHasItsLineAndLegendInItsColour() {
        Histogram fast = Outcome.emptyLatencies();
        Histogram slow = Outcome.emptyLatencies();
        for (long micros = 100; micros <= 1_000; micros++) fast.recordValue(micros * 1_000);
        for (long micros = 1_000; micros <= 30_000; micros += 10) slow.recordValue(micros * 1_000);
        Page svg = Page.parse(PercentileChart.svg("two", List.of(
                new PercentileChart.Series("fast <one>", "#111111", fast), new PercentileChart.Series("slow & steady", "#222222", slow))));

        assertThat(svg.all("//polyline")).extracting(p -> p.getAttribute("data-series"), p -> p.getAttribute("stroke"))
                .containsExactly(tuple("fast <one>", "#111111"), tuple("slow & steady", "#222222"));
        assertThat(svg.all("//rect")).extracting(r -> r.getAttribute("fill")).containsExactly("#111111", "#222222"); // the legend's swatches
        assertThat(svg.texts("/svg/text")).contains("fast <one>", "slow & steady");
        // the y axis spans both: from the 1-2-5 tick below 0.1 ms to the one above 30 ms
        assertThat(svg.texts("//text")).contains("0.05", "50").doesNotContain("0.02", "100");
        for (Element line : svg.all("//polyline")) {
            List<double[]> points = Page.points(line);
            for (int i = 1; i < points.size(); i++) {
                assertThat(points.get(i)[0]).isGreaterThanOrEqualTo(points.get(i - 1)[0]); // percentiles rise to the right
                assertThat(points.get(i)[1]).isLessThanOrEqualTo(points.get(i - 1)[1]); // and latency up the page
            }
        }
    }

    /** Where the vertical grid line of the x tick labelled {@code label} is. */
    private static double xOfTick(Page svg, String label) {
        Element text = svg.all("//text[. = '" + label + "']").get(0);
        return Double.parseDouble(text.getAttribute("x"));
    }

    /** Where the horizontal grid line of the y tick labelled {@code label} is: its label sits 4 px below it, centred on it by eye. */
    private static double yOfTick(Page svg, String label) {
        Element text = svg.all("//text[. = '" + label + "']").get(0);
        return Double.parseDouble(text.getAttribute("y")) - 4;
    }
}
