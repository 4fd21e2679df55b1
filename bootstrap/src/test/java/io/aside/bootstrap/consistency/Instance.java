package io.aside.bootstrap.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.bootstrap.AsideService;
import io.aside.testing.ApiClient;
import io.aside.testing.HttpReply;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One running service of a {@link TwoInstances} pair: its HTTP client and its instrumented repository. */
public record Instance(String name, AsideService service, ApiClient http, InstrumentedRepository repository) {
    public static Instance of(String name, AsideService service) {
        return new Instance(name, service, new ApiClient(service.port()), service.instance(InstrumentedRepository.class));
    }

    /** A cache counter of this instance, e.g. {@code aside_cache_fills_refused_total} for cache "model", from its /metrics. */
    double counter(String name, String cache) {
        return value(Pattern.quote(name) + "\\{cache=\"" + Pattern.quote(cache) + "\"[^}]*}", name + "{cache=\"" + cache + "\"}");
    }

    /** A meter of this instance without tags, e.g. {@code aside_near_cache_hits_total}, from its /metrics. */
    public double meter(String name) {
        return value(Pattern.quote(name), name);
    }

    /** The value of the /metrics line whose series matches {@code series}. */
    private double value(String series, String described) {
        HttpReply metrics = http.get("/metrics");
        if (metrics.status() != 200) throw new AssertionError(this.name + " /metrics answered " + metrics.status());
        Matcher m = Pattern.compile("^" + series + "\\s+(\\S+)$", Pattern.MULTILINE).matcher(metrics.text());
        if (!m.find()) throw new AssertionError(this.name + " /metrics has no " + described);
        return Double.parseDouble(m.group(1));
    }

    /** This instance's cache counters (errors, lease waits, refused fills…) as /metrics prints them: for failure messages. */
    public String cacheCounters() {
        return http.get("/metrics").text().lines()
                .filter(l -> l.startsWith("aside_cache_") && !l.startsWith("aside_cache_load_seconds_bucket"))
                .collect(Collectors.joining("\n  ", name + ":\n  ", ""));
    }

    /**
     * A read on this instance that has loaded {@code key} (a ModelId or a Category) from the database
     * and is held before its fill while {@code write} runs; its answer, which missed the cache.
     */
    HttpReply readHeldBeforeFill(Object key, Supplier<HttpReply> read, Runnable write, Duration bound) {
        LoadGate gate = repository.holdNextLoadOf(key);
        Background<HttpReply> reader = Background.start(read);
        try {
            gate.awaitLoaded(bound);
            write.run();
        } finally {
            gate.release();
        }
        HttpReply answer = reader.await(bound);
        assertThat(answer.header("X-Cache")).as("the held read missed the cache").isEqualTo("MISS");
        return answer;
    }

    @Override
    public String toString() {
        return name;
    }
}
