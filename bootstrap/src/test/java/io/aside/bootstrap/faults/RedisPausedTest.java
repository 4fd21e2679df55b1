package io.aside.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.application.CachePolicy;
import io.aside.testing.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Redis hung (SIGSTOP): the kernel still accepts connections but nothing answers, so every call
 * costs the whole command timeout, until the circuit breaker stops making calls.
 */
class RedisPausedTest extends RedisOutageScenario {
    /** RedisSettings.DEFAULT_COMMAND_TIMEOUT: what a call to a hung Redis costs at least. */
    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(50);

    @Override
    void breakRedis(RedisServer server) {
        server.pause();
    }

    @Override
    void repairRedis(RedisServer server) {
        server.resume();
    }

    @Test
    @Order(2)
    void givenRedisPaused_whenBreakerOpens_thenRequestsStopPayingTheCommandTimeout() {
        assertThat(outageReads).as("the outage reads ran").isNotNull();

        assertThat(outageReads.beforeOpen.min()).as("each read before the breaker opened waited for Redis")
                .isGreaterThanOrEqualTo(COMMAND_TIMEOUT);
        // A timed-out lookup is asked again with the same token (its reply may have been lost), up to
        // CachePolicy's lookupAttempts: a few command timeouts, not seconds.
        assertThat(outageReads.beforeOpen.median()).as("...but only a few command timeouts, not seconds")
                .isLessThan(COMMAND_TIMEOUT.multipliedBy(CachePolicy.DEFAULT_LOOKUP_ATTEMPTS + 1));
        // Any read that called the hung Redis took at least the command timeout; at most a few probes may.
        assertThat(outageReads.whileOpen.percentile(90)).as("reads while open do not wait for Redis")
                .isLessThan(COMMAND_TIMEOUT);
    }
}
