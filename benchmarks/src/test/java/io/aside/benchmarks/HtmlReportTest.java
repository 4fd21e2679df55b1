package io.aside.benchmarks;

import static io.aside.benchmarks.SyntheticRun.BY_ID;
import static io.aside.benchmarks.SyntheticRun.CEILING;
import static io.aside.benchmarks.SyntheticRun.LIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class HtmlReportTest {
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    private final LoadResult redis = SyntheticRun.redisHolding();
    private final String html = HtmlReport.html(redis);
    private final Page page = Page.parse(html);

    @Test
    void givenARun_whenReported_thenThePageIsSelfContained() {
        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(page.all("//script | //link | //img | //iframe | //object | //*[@src] | //*[@href]")).isEmpty();
        Matcher urls = Pattern.compile("https?://[^\"'\\s)]*").matcher(html);
        List<String> found = new ArrayList<>();
        while (urls.find()) found.add(urls.group());
        assertThat(found).hasSize(3).containsOnly(SVG_NAMESPACE); // one per chart, its namespace, never fetched
        assertThat(page.all("//svg")).allSatisfy(svg -> assertThat(svg.getAttribute("xmlns")).isEqualTo(SVG_NAMESPACE));
        assertThat(html).doesNotContain("@import").doesNotContain("url(");
    }

    @Test
    void givenARun_whenReported_thenTheMachineAndTheRunAreDescribed() {
        assertThat(page.texts("//dt")).containsExactly("finished", "machine", "Java", "cache", "load");
        assertThat(page.texts("//dd")).containsExactly(
                "2025-01-02 03:04:05 +00:00",
                MachineLoad.cores() + " cores, load average 1.25 before the run, 3.50 at its end (its own threads included)",
                Runtime.version() + " (" + System.getProperty("java.vm.name") + ", " + System.getProperty("java.vm.vendor") + ")",
                "one Redis",
                "16 client threads, closed loop on loopback; best of 3 rounds of 4 s per scenario after 5 s of warm-up; 1000 models in 10 categories; run time 123.4 s");
        assertThat(page.texts("//title")).first().isEqualTo("LoadRun on one Redis: claim holds");
    }

    @Test
    void givenARun_whenReported_thenItShowsTheConsoleTableAndVerdictWordForWord() {
        List<String> pre = page.texts("//pre");

        assertThat(pre).containsExactly(
                "CLAIM HOLDS: GET /models/{id} cached/uncached 5.00x (at least 3.00x), " + LIST + " cached/uncached 10.00x (at least 3.00x), "
                        + "GET /models/{id} cached/ceiling 0.91x (at least 0.85x), " + LIST + " cached/ceiling 0.91x (at least 0.85x), "
                        + "GET /models/{id} Redis only/uncached 2.00x (at least 1.50x), no errors",
                String.join("\n", LoadReport.lines(redis)).strip());
        assertThat(pre.get(1)).contains(String.format(Locale.ROOT, "%-42s %9d %9.0f %8.2f %8.2f %8.2f %7d %7s", BY_ID + " cached", 40_000, 10_000.0, 0.55, 0.99, 1.0, 0, "all HIT"));
        assertThat(page.texts("//p[@class='pass']")).containsExactly("CLAIM HOLDS");
    }

    @Test
    void givenAClaimThatHolds_whenReported_thenEveryPartPasses() {
        List<Element> rows = page.all("(//table)[1]/tr[td]");

        assertThat(rows).extracting(row -> page.within(row).texts("td").get(0)).containsExactly(
                BY_ID + " cached/uncached 5.00x (at least 3.00x)", LIST + " cached/uncached 10.00x (at least 3.00x)",
                BY_ID + " cached/ceiling 0.91x (at least 0.85x)", LIST + " cached/ceiling 0.91x (at least 0.85x)",
                BY_ID + " Redis only/uncached 2.00x (at least 1.50x)", "no errors");
        assertThat(page.texts("(//table)[1]/tr/td[2]")).hasSize(6).containsOnly("pass");
        assertThat(page.all("//td[@class='fail']")).isEmpty();
    }

    @Test
    void givenARun_whenReported_thenThroughputIsOneBarPerScenarioInProportion() {
        Element bars = page.all("//svg").get(0);
        List<Element> rects = page.within(bars).all(".//rect");

        assertThat(rects).extracting(r -> page.within(r).texts("title").get(0)).containsExactly(
                BY_ID + " cached: 10,000 req/s", BY_ID + " uncached: 2,000 req/s", LIST + " cached: 10,000 req/s",
                LIST + " uncached: 1,000 req/s", CEILING + " ceiling: 11,000 req/s", BY_ID + " Redis only: 4,000 req/s");
        double perThousand = width(rects.get(4)) / 11;
        assertThat(width(rects.get(0))).isCloseTo(10 * perThousand, offset(0.2));
        assertThat(width(rects.get(3))).isCloseTo(perThousand, offset(0.2));
        assertThat(page.within(bars).texts(".//text")).contains(BY_ID + " Redis only", "4,000 req/s", "0");
    }

    @Test
    void givenARun_whenReported_thenEachRequestHasAPercentileChartWithTheCeilingOverlaid() {
        assertThat(page.texts("//h3")).containsExactly(BY_ID, LIST);
        List<Element> charts = page.all("//svg").subList(1, 3);

        assertThat(page.within(charts.get(0)).all(".//polyline")).extracting(p -> p.getAttribute("data-series"))
                .containsExactly(BY_ID + " cached", BY_ID + " uncached", CEILING + " ceiling", BY_ID + " Redis only");
        assertThat(page.within(charts.get(1)).all(".//polyline")).extracting(p -> p.getAttribute("data-series"))
                .containsExactly(LIST + " cached", LIST + " uncached", CEILING + " ceiling");
        for (Element chart : charts) {
            Page svg = page.within(chart);
            assertThat(svg.texts(".//text")).contains("0 %", "90 %", "99 %", "99.9 %", "99.99 %", "latency, ms (log scale)")
                    .containsAll(svg.all(".//polyline").stream().map(p -> p.getAttribute("data-series")).toList()); // the legend
            assertThat(svg.all(".//polyline")).allSatisfy(line -> assertThat(Page.points(line)).hasSizeGreaterThan(40));
        }
        // one colour an instance on every chart, the ceiling grey
        assertThat(page.all("//polyline[contains(@data-series, 'ceiling')]")).extracting(p -> p.getAttribute("stroke")).containsOnly("#6b7280");
        assertThat(page.all("//polyline[contains(@data-series, ' cached')]")).extracting(p -> p.getAttribute("stroke")).containsOnly("#2563eb");
    }

    @Test
    void givenARun_whenReported_thenEveryScenarioHasItsPercentilesInFigures() {
        List<Element> rows = page.all("(//table)[2]/tr[td]");

        assertThat(page.texts("(//table)[2]/tr/th")).containsExactly("scenario", "requests", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms");
        assertThat(rows).hasSize(6);
        // 0.1 to 1 ms evenly spread: the 50th percentile at 0.55 ms, the 90th at 0.91, ...
        assertThat(page.within(rows.get(0)).texts("td")).containsExactly(BY_ID + " cached", "40000", "0.55", "0.91", "0.99", "1.00", "1.00");
        assertThat(rows).allSatisfy(row -> {
            List<Double> figures = page.within(row).texts("td").subList(2, 7).stream().map(Double::valueOf).toList();
            assertThat(figures).isSorted().allSatisfy(ms -> assertThat(ms).isPositive());
        });
    }

    @Test
    void givenLabelsWithAmpersands_whenReported_thenTheyAreEscapedNotDropped() {
        assertThat(html).contains("GET /models?category&amp;limit=20").doesNotContain("category&limit");
        assertThat(page.texts("//td")).contains(LIST + " cached");
    }

    @Test
    void givenAFailedRunOnMemcached_whenReported_thenTheFailingPartsAndTheirReasonsShowEscaped() {
        String problem = "<script>alert('x')</script> & \"quoted\" \u0001";
        LoadResult failed = SyntheticRun.result(CacheKind.MEMCACHED, List.of(
                SyntheticRun.outcome(BY_ID, "cached", "HIT", 8_000, 100, 1_000),
                SyntheticRun.outcome(BY_ID, "uncached", "MISS", 8_000, 1_000, 10_000),
                SyntheticRun.withProblems(SyntheticRun.outcome(LIST, "cached", "HIT", 40_000, 200, 2_000), 3, 2, problem),
                SyntheticRun.outcome(LIST, "uncached", "MISS", 4_000, 2_000, 20_000),
                SyntheticRun.outcome(CEILING, Scenario.CEILING, null, 44_000, 50, 500)));
        String failedHtml = HtmlReport.html(failed);
        Page failedPage = Page.parse(failedHtml);

        assertThat(failedHtml).doesNotContain("<script").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;");
        assertThat(failedPage.texts("(//table)[1]/tr/td[2]")).containsExactly("fail", "pass", "fail");
        assertThat(failedPage.texts("(//table)[1]//li")).containsExactly(
                "3 errors in " + LIST + " cached, first: <script>alert('x')</script> & \"quoted\" \uFFFD",
                "2 responses in " + LIST + " cached did not come from the intended path, first: <script>alert('x')</script> & \"quoted\" \uFFFD");
        assertThat(failedPage.texts("//p[@class='fail']")).containsExactly("CLAIM FAILED");
        assertThat(failedPage.texts("//p[@class='note']").get(0)).isEqualTo(LoadClaim.notChecked(CacheKind.MEMCACHED).strip());
        assertThat(failedPage.texts("//pre").get(0)).startsWith("CLAIM FAILED: " + BY_ID + " cached/uncached 1.00x (at least 1.50x)\nCLAIM FAILED: 3 errors in");
        assertThat(failedPage.texts("//pre").get(1)).contains("GET /models/{id} server only", "n/a: no near cache on memcached");
        assertThat(failedPage.all("//svg")).hasSize(3); // no Redis only scenario: the by-id chart has one line fewer
        assertThat(failedPage.all("(//svg)[2]//polyline")).hasSize(3);
    }

    @Test
    void givenAFile_whenWritten_thenItHoldsThePageAndItsFoldersAreMade(@TempDir Path dir) throws Exception {
        Path written = HtmlReport.write(redis, dir.resolve("nested/report.html"));

        assertThat(written).isEqualTo(dir.resolve("nested/report.html").toAbsolutePath());
        assertThat(Files.readString(written, StandardCharsets.UTF_8)).isEqualTo(html);
    }

    private static double width(Element rect) {
        return Double.parseDouble(rect.getAttribute("width"));
    }
}
