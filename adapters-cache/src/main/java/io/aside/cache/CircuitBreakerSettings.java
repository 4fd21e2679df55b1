package io.aside.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * When {@link CircuitBreakingCache} stops calling the cache: once at least {@code minimumCalls} of
 * the last {@code slidingWindowSize} calls were made and {@code failureRatePercent} of them failed.
 * It stays open for {@code waitInOpenState}, then lets {@code probeCalls} calls through to decide.
 */
public record CircuitBreakerSettings(float failureRatePercent, int slidingWindowSize, int minimumCalls,
                                     Duration waitInOpenState, int probeCalls) {
    public CircuitBreakerSettings {
        if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
            throw new IllegalArgumentException("failure rate must be in (0, 100], got " + failureRatePercent);
        }
        if (slidingWindowSize < 1) throw new IllegalArgumentException("sliding window must be positive");
        if (minimumCalls < 1) throw new IllegalArgumentException("minimum calls must be positive");
        Objects.requireNonNull(waitInOpenState, "waitInOpenState");
        if (waitInOpenState.isNegative() || waitInOpenState.isZero()) throw new IllegalArgumentException("wait in open state must be positive");
        if (probeCalls < 1) throw new IllegalArgumentException("probe calls must be positive");
    }

    /** Half of the last 20 calls failing (at least 10 seen) opens it for 5 s; 3 probes then decide. */
    public static CircuitBreakerSettings defaults() {
        return new CircuitBreakerSettings(50, 20, 10, Duration.ofSeconds(5), 3);
    }
}
