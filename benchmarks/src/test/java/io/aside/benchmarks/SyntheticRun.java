package io.aside.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Load runs made up for the report's tests: known throughputs and latencies, no server. */
final class SyntheticRun {
    static final ZonedDateTime FINISHED = ZonedDateTime.of(2025, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
    static final String BY_ID = "GET /models/{id}";
    static final String LIST = "GET /models?category&limit=20";
    static final String CEILING = "GET /models/abc (400)";

    private SyntheticRun() {}

    /**
     * A Redis run whose claim holds: by id cached 10,000 req/s (latencies 0.1 to 1 ms, evenly spread),
     * uncached 2,000; list pages cached 10,000, uncached 1,000; the ceiling 11,000; Redis only 4,000.
     */
    static LoadResult redisHolding() {
        return result(CacheKind.REDIS, List.of(
                outcome(BY_ID, "cached", "HIT", 40_000, 100, 1_000),
                outcome(BY_ID, "uncached", "MISS", 8_000, 1_000, 10_000),
                outcome(LIST, "cached", "HIT", 40_000, 200, 2_000),
                outcome(LIST, "uncached", "MISS", 4_000, 2_000, 20_000),
                outcome(CEILING, Scenario.CEILING, null, 44_000, 50, 500),
                outcome(BY_ID, "Redis only", "HIT", 16_000, 500, 5_000)));
    }

    static LoadResult result(CacheKind kind, List<Outcome> outcomes) {
        return new LoadResult(settings(kind), outcomes, 123.4, new MachineLoad(1.25, 3.5), FINISHED);
    }

    static LoadSettings settings(CacheKind kind) {
        return new LoadSettings(16, Duration.ofSeconds(4), Duration.ofSeconds(5), 1000, 10, kind, Path.of("report.html"));
    }

    /** {@code requests} in 4 s, their latencies evenly spread from {@code fastestMicros} to {@code slowestMicros}. */
    static Outcome outcome(String request, String instance, String xCache, int requests, long fastestMicros, long slowestMicros) {
        Histogram latency = Outcome.emptyLatencies();
        for (int i = 0; i < requests; i++) {
            latency.recordValue((fastestMicros + (slowestMicros - fastestMicros) * i / (requests - 1)) * 1_000);
        }
        return new Outcome(new Scenario(request, instance, List.of(), 200, xCache), requests, 4.0, latency, 0, 0, null);
    }

    /** {@code outcome} with errors and wrong X-Cache answers, the first problem being {@code problem}. */
    static Outcome withProblems(Outcome o, long errors, long wrongCache, String problem) {
        return new Outcome(o.scenario(), o.requests(), o.seconds(), o.latency(), errors, wrongCache, problem);
    }
}
