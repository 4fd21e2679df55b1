package io.aside.persistence;

import io.aside.domain.port.RepositoryUnavailableException;
import io.aside.domain.port.WriteOutcomeUnknownException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Every database call goes through here: failures are translated ({@link Failures}), and once most
 * recent calls found the database unreachable, calls fail at once for {@link #OPEN_FOR} instead of
 * each waiting out the pool's connection timeout. A dead database then costs a request nothing,
 * and the API answers 503 at once; a few probe calls find it again when it returns.
 */
final class DatabaseBreaker {
    static final Duration OPEN_FOR = Duration.ofSeconds(2);

    private final CircuitBreaker breaker = CircuitBreaker.of("database", CircuitBreakerConfig.custom()
            .failureRateThreshold(50)
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(10)
            .minimumNumberOfCalls(4)
            .waitDurationInOpenState(OPEN_FOR)
            .permittedNumberOfCallsInHalfOpenState(2)
            // Only unreachability counts (a connection lost at commit too): a constraint violation says
            // nothing about the database's health.
            .recordExceptions(RepositoryUnavailableException.class, WriteOutcomeUnknownException.class)
            .writableStackTraceEnabled(false)
            .build());

    <T> T call(Supplier<T> work) {
        try {
            return breaker.executeSupplier(() -> Failures.guard(work));
        } catch (CallNotPermittedException open) {
            throw new RepositoryUnavailableException("database unavailable (recent calls failed; retrying shortly)", open);
        }
    }
}
