package io.aside.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksTest {
    @Test
    void givenPositiveDuration_whenRequiredPositive_thenReturnedAsIs() {
        assertThat(Checks.requirePositive(Duration.ofNanos(1), "ttl")).isEqualTo(Duration.ofNanos(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT1S"})
    void givenZeroOrNegativeDuration_whenRequiredPositive_thenRefusedNamingIt(String duration) {
        assertThatThrownBy(() -> Checks.requirePositive(Duration.parse(duration), "lease TTL"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lease TTL must be positive, got " + Duration.parse(duration));
    }

    @Test
    void givenNoDuration_whenRequiredPositive_thenRefusedNamingIt() {
        assertThatThrownBy(() -> Checks.requirePositive(null, "ttl")).isInstanceOf(NullPointerException.class).hasMessage("ttl");
    }
}
