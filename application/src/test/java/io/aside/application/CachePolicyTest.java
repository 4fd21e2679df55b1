package io.aside.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CachePolicyTest {
    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT1S", "PT1M"})
    void givenFallbackWindowFromZeroToAMinute_whenMade_thenKept(String window) {
        CachePolicy policy = CachePolicy.of(Duration.ofHours(1), Duration.ofSeconds(12), Duration.parse(window));

        assertThat(policy.fallbackWindow()).isEqualTo(Duration.parse(window));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-PT0.001S", "PT1M0.001S"})
    void givenFallbackWindowOutsideZeroToAMinute_whenMade_thenRefused(String window) {
        assertThatThrownBy(() -> CachePolicy.of(Duration.ofHours(1), Duration.ofSeconds(12), Duration.parse(window)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("fallback window must be from PT0S (off) to PT1M");
    }

    @Test
    void givenNonPositiveTtlOrDeadline_whenMade_thenRefusedNamingIt() {
        assertThatThrownBy(() -> CachePolicy.of(Duration.ZERO, Duration.ofSeconds(12), Duration.ZERO)).hasMessageStartingWith("ttl must be positive");
        assertThatThrownBy(() -> CachePolicy.of(Duration.ofHours(1), Duration.ofSeconds(-1), Duration.ZERO))
                .hasMessageStartingWith("readDeadline must be positive");
    }

    @Test
    void givenDefaults_thenTheFallbackWindowIsASecond() {
        assertThat(CachePolicy.defaults().fallbackWindow()).isEqualTo(CachePolicy.DEFAULT_FALLBACK_WINDOW).isEqualTo(Duration.ofSeconds(1));
    }
}
