package io.aside.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AsideConfigTest {
    @Test
    void givenNothingSet_whenLoaded_thenEmbeddedDefaults() {
        AsideConfig config = AsideConfig.from(name -> null);
        assertThat(config).isEqualTo(new AsideConfig(7070, "jdbc:h2:file:./data/aside", "", "", "memory:", Duration.ofHours(1), "aside",
                Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(12), Duration.ofSeconds(1)));
        assertThat(config.embeddedDatabase()).isTrue();
        assertThat(config.inMemoryCache()).isTrue();
    }

    @Test
    void givenProductionValues_whenLoaded_thenMapped() {
        Map<String, String> env = Map.ofEntries(Map.entry("ASIDE_PORT", "8080"), Map.entry("ASIDE_DB_URL", "jdbc:mysql://db:3306/aside"),
                Map.entry("ASIDE_DB_USER", "aside"), Map.entry("ASIDE_DB_PASSWORD", "s3cret"),
                Map.entry("ASIDE_CACHE_URL", "redis://:pw@cache:6379/2"), Map.entry("ASIDE_CACHE_TTL", "PT5M"),
                Map.entry("ASIDE_CACHE_NAMESPACE", "shop-1"), Map.entry("ASIDE_CACHE_TIMEOUT", "PT0.1S"),
                Map.entry("ASIDE_CACHE_WRITE_TIMEOUT", "PT2S"), Map.entry("ASIDE_READ_DEADLINE", "PT20S"),
                Map.entry("ASIDE_FALLBACK_WINDOW", "PT0S"));
        AsideConfig config = AsideConfig.from(env::get);
        assertThat(config).isEqualTo(new AsideConfig(8080, "jdbc:mysql://db:3306/aside", "aside", "s3cret",
                "redis://:pw@cache:6379/2", Duration.ofMinutes(5), "shop-1", Duration.ofMillis(100), Duration.ofSeconds(2),
                Duration.ofSeconds(20), Duration.ZERO));
        assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("pw@").contains("***");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ASIDE_PORT|http|ASIDE_PORT: must be a TCP port number",
            "ASIDE_PORT|70000|ASIDE_PORT: must be a TCP port number",
            "ASIDE_DB_URL|jdbc:postgresql://x/y|ASIDE_DB_URL: must be a jdbc:mysql://",
            "ASIDE_CACHE_URL|memcached://x:1|ASIDE_CACHE_URL: must be 'memory:' or redis://",
            "ASIDE_CACHE_URL|redis://:secret@|ASIDE_CACHE_URL: Redis URL must look like",
            "ASIDE_CACHE_URL|redis://:secret@host|ASIDE_CACHE_URL: Redis URL must look like",
            "ASIDE_CACHE_TTL|1h|ASIDE_CACHE_TTL: must be a positive ISO-8601 duration",
            "ASIDE_CACHE_TTL|PT0S|ASIDE_CACHE_TTL: must be a positive ISO-8601 duration",
            "ASIDE_CACHE_NAMESPACE|a:b|ASIDE_CACHE_NAMESPACE: must be 1-64 letters",
            "ASIDE_CACHE_TIMEOUT|PT1M|ASIDE_CACHE_TIMEOUT: must be at most PT10S",
            "ASIDE_CACHE_TIMEOUT|50ms|ASIDE_CACHE_TIMEOUT: must be a positive ISO-8601 duration",
            "ASIDE_CACHE_WRITE_TIMEOUT|PT1M|ASIDE_CACHE_WRITE_TIMEOUT: must be at most PT10S",
            "ASIDE_READ_DEADLINE|PT0S|ASIDE_READ_DEADLINE: must be a positive ISO-8601 duration",
            "ASIDE_FALLBACK_WINDOW|PT2M|ASIDE_FALLBACK_WINDOW: must be an ISO-8601 duration from PT0S",
            "ASIDE_FALLBACK_WINDOW|-PT1S|ASIDE_FALLBACK_WINDOW: must be an ISO-8601 duration from PT0S"})
    void givenBadValue_whenLoaded_thenOneLineNamingTheVariable(String variable, String value, String message) {
        assertThatThrownBy(() -> AsideConfig.from(Map.of(variable, value)::get))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message)
                .hasMessageNotContaining("secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
