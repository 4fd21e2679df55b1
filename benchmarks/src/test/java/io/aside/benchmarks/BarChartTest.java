package io.aside.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class BarChartTest {
    @Test
    void givenValues_whenCharted_thenBarLengthsAreInProportionFromZero() {
        Page svg = Page.parse(BarChart.svg("t", "req/s", List.of(
                new BarChart.Bar("one", 1_000, "#111111"), new BarChart.Bar("two", 2_000, "#222222"), new BarChart.Bar("half", 500, "#333333"))));

        List<Element> bars = svg.all("//rect");
        assertThat(bars).extracting(b -> b.getAttribute("fill")).containsExactly("#111111", "#222222", "#333333");
        assertThat(width(bars.get(1))).isCloseTo(2 * width(bars.get(0)), offset(0.2));
        assertThat(width(bars.get(2))).isCloseTo(width(bars.get(0)) / 2, offset(0.2));
        assertThat(bars).extracting(b -> b.getAttribute("x")).containsOnly(bars.get(0).getAttribute("x"));
        assertThat(svg.texts("//rect/title")).containsExactly("one: 1,000 req/s", "two: 2,000 req/s", "half: 500 req/s");
        assertThat(svg.texts("/svg/text")).contains("one", "two", "half", "0", "2,000", "2,000 req/s");
    }

    @Test
    void givenAScenarioWithNoRequest_whenCharted_thenItHasNoBarAndSaysSo() {
        Page svg = Page.parse(BarChart.svg("t", "req/s", List.of(new BarChart.Bar("none", Double.NaN, "#111111"), new BarChart.Bar("some", 10, "#222222"))));

        assertThat(width(svg.all("//rect").get(0))).isZero();
        assertThat(svg.texts("/svg/text")).contains("n/a req/s", "10 req/s");
    }

    private static double width(Element rect) {
        return Double.parseDouble(rect.getAttribute("width"));
    }
}
