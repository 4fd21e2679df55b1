package io.aside.cache;

import io.aside.domain.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * When {@link CircuitBreakingCache} stops calling the cache: once at least {@code minimumCalls} were
 * made within the last {@code window} and {@code failureRatePercent} of them failed. It stays open
 * for {@code waitInOpenState}, then lets {@code probeCalls} calls through to decide.
 *
 * <p>The window is a span of time, not a count of calls: at thousands of lookups a second, the last
 * 20 calls are a few milliseconds, and one scheduling hiccup on a busy host would open the breaker
 * and switch the cache off for seconds. A dead Redis still opens it after {@code minimumCalls}.
 */
public record CircuitBreakerSettings(float failureRatePercent, Duration window, int minimumCalls,
                                     Duration waitInOpenState, int probeCalls) {
    public CircuitBreakerSettings {
        if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
            throw new IllegalArgumentException("failure rate must be in (0, 100], got " + failureRatePercent);
        }
        Objects.requireNonNull(window, "window");
        if (window.toSeconds() < 1) throw new IllegalArgumentException("window must be at least a second, got " + window);
        if (minimumCalls < 1) throw new IllegalArgumentException("minimum calls must be positive");
        Checks.requirePositive(waitInOpenState, "wait in open state");
        if (probeCalls < 1) throw new IllegalArgumentException("probe calls must be positive");
    }

    /** Half of the calls of the last 5 s failing (at least 10 seen) opens it for 5 s; 3 probes then decide. */
    public static CircuitBreakerSettings defaults() {
        return new CircuitBreakerSettings(50, Duration.ofSeconds(5), 10, Duration.ofSeconds(5), 3);
    }
}
