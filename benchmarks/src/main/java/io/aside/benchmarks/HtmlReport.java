package io.aside.benchmarks;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load run as one HTML file to keep or pass on: the machine, the claim part by part, the console's
 * table word for word, throughput as bars and latency as percentile distributions. Self-contained (no
 * script, style sheet, font or image from anywhere), so that it opens offline years later as it did on
 * the day; and well-formed XML, so that its test can parse it strictly.
 */
final class HtmlReport {
    /** The ceiling is what the others are held to: grey, the same on every chart. */
    private static final String CEILING_COLOUR = "#6b7280";
    /** One colour an instance (cached, uncached, ...), the same on every chart, in the scenarios' order. */
    private static final List<String> PALETTE = List.of("#2563eb", "#ea580c", "#16a34a", "#9333ea", "#0891b2", "#be123c");
    /** The latency table's columns before max: the median, and each nine the charts mark but the last (a few seconds' requests hold too few to tell it). */
    private static final double[] TABLE_PERCENTILES = {50, 90, 99, 99.9};
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);
    private static final String STYLE = """
            body { font: 15px/1.45 system-ui, sans-serif; color: #1f2937; max-width: 1040px; margin: 2em auto; padding: 0 1em; }
            h1 { font-size: 1.6em; margin-bottom: 0.2em; }
            h2 { font-size: 1.25em; margin-top: 1.8em; border-bottom: 1px solid #e5e7eb; padding-bottom: 0.2em; }
            h3 { font-size: 1.05em; margin-bottom: 0.3em; }
            pre { background: #f9fafb; border: 1px solid #e5e7eb; padding: 0.8em; overflow-x: auto; font-size: 12.5px; }
            pre.verdict { white-space: pre-wrap; }
            table { border-collapse: collapse; margin: 0.6em 0; }
            th, td { border-bottom: 1px solid #e5e7eb; padding: 0.3em 0.7em; text-align: left; vertical-align: top; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; }
            dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; }
            dt { font-weight: 600; }
            dd { margin: 0; }
            .pass { color: #15803d; font-weight: 600; }
            .fail { color: #b91c1c; font-weight: 600; }
            .note { color: #4b5563; font-size: 0.92em; }
            svg { max-width: 100%; height: auto; }
            """;

    private final LoadResult result;
    private final Map<String, String> colours = new LinkedHashMap<>();
    private final StringBuilder out = new StringBuilder();

    private HtmlReport(LoadResult result) {
        this.result = result;
        for (Outcome o : result.outcomes()) {
            if (!o.scenario().isCeiling()) colours.putIfAbsent(o.scenario().instance(), PALETTE.get(colours.size() % PALETTE.size()));
        }
    }

    static String html(LoadResult result) {
        return new HtmlReport(result).render();
    }

    /** Writes the report to {@code file}, its folders made as needed; returns where it is. */
    static Path write(LoadResult result, Path file) {
        Path target = file.toAbsolutePath().normalize();
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, html(result), StandardCharsets.UTF_8);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the HTML report to " + target, e);
        }
    }

    private String render() {
        String title = "LoadRun on " + result.cache().description();
        Claim.Verdict verdict = result.verdict();
        String said = verdict.holds() ? "claim holds" : "claim failed";
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
                .append(element("title", title + ": " + said))
                .append("<style>").append(STYLE).append("</style></head>\n<body>\n")
                .append(element("h1", title))
                .append(element("p", passOrFail(verdict.holds()), said.toUpperCase(Locale.ROOT))).append('\n');
        machine();
        claim(verdict);
        section("Summary, as printed");
        out.append(element("pre", String.join("\n", LoadReport.lines(result)).strip())).append('\n');
        throughput();
        latency();
        return out.append("</body></html>\n").toString();
    }

    private void machine() {
        LoadSettings s = result.settings();
        section("Machine and run");
        out.append("<dl>");
        definition("finished", result.finished().truncatedTo(ChronoUnit.SECONDS).format(WHEN));
        definition("machine", result.machine().description());
        definition("Java", Runtime.version() + " (" + System.getProperty("java.vm.name") + ", " + System.getProperty("java.vm.vendor") + ")");
        definition("cache", s.cache().description());
        definition("load", String.format(Locale.ROOT,
                "%d client threads, closed loop on loopback; best of %d rounds of %d s per scenario after %d s of warm-up; %d models in %d categories; run time %.1f s",
                s.threads(), LoadDriver.ROUNDS, s.duration().toSeconds(), s.warmup().toSeconds(), s.models(), s.categories(), result.seconds()));
        out.append("</dl>\n");
    }

    /** Each part of the claim with its own pass or fail, then the verdict's lines as printed. */
    private void claim(Claim.Verdict verdict) {
        section("Claim");
        out.append("<table><tr><th>part of the claim</th><th>result</th></tr>");
        for (LoadClaim.Check check : LoadClaim.checks(result.cache(), result.outcomes())) {
            out.append("<tr><td>").append(Markup.escape(check.said()));
            List<String> reasons = check.failures().stream().filter(reason -> !reason.equals(check.said())).toList();
            if (!reasons.isEmpty()) {
                out.append("<ul>");
                reasons.forEach(reason -> out.append(element("li", reason)));
                out.append("</ul>");
            }
            out.append("</td>").append(element("td", passOrFail(check.holds()), passOrFail(check.holds()))).append("</tr>");
        }
        out.append("</table>\n");
        String notChecked = LoadClaim.notChecked(result.cache()).strip();
        if (!notChecked.isEmpty()) out.append(element("p", "note", notChecked));
        out.append(element("pre", "verdict", String.join("\n", verdict.lines()))).append('\n'); // wrapped: one line of it holds every ratio
    }

    private void throughput() {
        section("Throughput");
        List<BarChart.Bar> bars = result.outcomes().stream()
                .map(o -> new BarChart.Bar(o.scenario().label(), o.throughput(), colour(o.scenario()))).toList();
        out.append(BarChart.svg("Throughput per scenario, requests per second", "req/s", bars)).append('\n');
    }

    /** One chart a request, its scenarios overlaid with the ceiling's for reference; then every scenario's percentiles in figures. */
    private void latency() {
        section("Latency by percentile");
        out.append(element("p", "note", "Closed loop: each client thread sends its next request when the previous one answers, so this is"
                + " latency at saturation. The x axis is in nines; its right edge carries everything rarer than 1 in 10,000, up to the"
                + " slowest request (max, below)."));
        List<String> requests = result.outcomes().stream().filter(o -> !o.scenario().isCeiling()).map(o -> o.scenario().request()).distinct().toList();
        for (String request : requests) {
            List<PercentileChart.Series> series = result.outcomes().stream()
                    .filter(o -> o.scenario().request().equals(request) || o.scenario().isCeiling())
                    .map(o -> new PercentileChart.Series(o.scenario().label(), colour(o.scenario()), o.latency())).toList();
            out.append(element("h3", request)).append(PercentileChart.svg("Latency by percentile: " + request, series)).append('\n');
        }
        out.append("<table><tr><th>scenario</th><th>requests</th>");
        for (double p : TABLE_PERCENTILES) out.append(element("th", "p" + BigDecimal.valueOf(p).stripTrailingZeros().toPlainString() + " ms"));
        out.append("<th>max ms</th></tr>");
        for (Outcome o : result.outcomes()) {
            out.append("<tr>").append(element("td", o.scenario().label())).append(number(String.valueOf(o.requests())));
            for (double p : TABLE_PERCENTILES) out.append(number(millis(o.millisAt(p))));
            out.append(number(millis(o.maxMillis()))).append("</tr>");
        }
        out.append("</table>\n");
    }

    /** Also the CSS class that colours it. */
    private static String passOrFail(boolean holds) {
        return holds ? "pass" : "fail";
    }

    private String colour(Scenario scenario) {
        return scenario.isCeiling() ? CEILING_COLOUR : colours.get(scenario.instance());
    }

    private void section(String heading) {
        out.append(element("h2", heading)).append('\n');
    }

    private void definition(String term, String description) {
        out.append(element("dt", term)).append(element("dd", description));
    }

    private static String number(String text) {
        return element("td", "number", text);
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** {@code <name>text</name>}, the text escaped. */
    private static String element(String name, String text) {
        return "<" + name + ">" + Markup.escape(text) + "</" + name + ">";
    }

    /** {@code <name class="cssClass">text</name>}, the text escaped. */
    private static String element(String name, String cssClass, String text) {
        return "<" + name + " class=\"" + cssClass + "\">" + Markup.escape(text) + "</" + name + ">";
    }
}
