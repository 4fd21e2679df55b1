package io.aside.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One read of {@code /metrics} (Prometheus text), for assertions on what operators see. Series are
 * matched by name and, optionally, by labels that must all be present: {@code sum("x", "path=\"relay\"")}.
 */
public final class Scrape {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?\\s+(\\S+)$");

    private record Sample(String name, String labels, double value) {}

    private final List<Sample> samples = new ArrayList<>();

    private Scrape(String text) {
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (m.matches()) samples.add(new Sample(m.group(1), m.group(3) == null ? "" : m.group(3), Double.parseDouble(m.group(4))));
        }
    }

    public static Scrape of(String prometheusText) {
        return new Scrape(prometheusText);
    }

    /** Scrapes the service that {@code http} talks to. */
    public static Scrape of(ApiClient http) {
        HttpReply reply = http.get("/metrics");
        if (reply.status() != 200) throw new AssertionError("/metrics answered " + reply.status());
        return of(reply.text());
    }

    /** The sum over every series of {@code name} carrying all of {@code labels}; fails when there is none. */
    public double sum(String name, String... labels) {
        List<Sample> found = samples.stream().filter(s -> s.name.equals(name) && hasAll(s.labels, labels)).toList();
        if (found.isEmpty()) throw new AssertionError("/metrics has no " + name + " " + String.join(",", labels));
        return found.stream().mapToDouble(Sample::value).sum();
    }

    /** Whether a series of {@code name} with all of {@code labels} is exposed. */
    public boolean has(String name, String... labels) {
        return samples.stream().anyMatch(s -> s.name.equals(name) && hasAll(s.labels, labels));
    }

    private static boolean hasAll(String labels, String... wanted) {
        for (String label : wanted) {
            if (!(labels.equals(label) || labels.startsWith(label + ",") || labels.contains("," + label + ",") || labels.endsWith("," + label))) return false;
        }
        return true;
    }
}
