package io.aside.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RedisSettingsTest {
    @Test
    void givenHostAndPort_whenParsed_thenDefaultsForTheRest() {
        RedisSettings settings = RedisSettings.fromUrl("redis://cache.internal:6379");

        assertThat(settings).isEqualTo(new RedisSettings("cache.internal", 6379, null, 0, "aside",
                Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofSeconds(1)));
    }

    @Test
    void givenPasswordAndDatabase_whenParsed_thenBothTaken() {
        RedisSettings settings = RedisSettings.fromUrl("redis://:s3cret@10.0.0.5:6380/2");

        assertThat(settings.host()).isEqualTo("10.0.0.5");
        assertThat(settings.port()).isEqualTo(6380);
        assertThat(settings.password()).isEqualTo("s3cret");
        assertThat(settings.database()).isEqualTo(2);
    }

    @Test
    void givenPercentEncodedPassword_whenParsed_thenDecoded() {
        assertThat(RedisSettings.fromUrl("redis://:p%40ss%2Fw0rd@localhost:6379/").password()).isEqualTo("p@ss/w0rd");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "localhost:6379", "http://localhost:6379", "rediss://localhost:6379",
            "redis://localhost", "redis://:6379", "redis://user:pw@localhost:6379", "redis://:@localhost:6379",
            "redis://localhost:6379/zero", "redis://localhost:6379/1/2", "redis://localhost:6379?timeout=1",
            "redis://localhost:6379#x", "redis://localhost:0", "redis://localhost:70000", "redis://a b:1", "::::"})
    void givenMalformedUrl_whenParsed_thenRejectedNamingTheExpectedShape(String url) {
        assertThatThrownBy(() -> RedisSettings.fromUrl(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Redis");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "redis://:hunter2@localhost:6379/abc",
            "redis://:hunter2 with spaces@localhost:6379",
            "redis://admin:hunter2@localhost:6379",
            "rediss://:hunter2@localhost:6379",
            "redis://:hunter2@localhost"})
    void givenBadUrlWithPassword_whenRejected_thenTheMessageNeverShowsIt(String url) {
        assertThatThrownBy(() -> RedisSettings.fromUrl(url))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"))
                .satisfies(e -> assertThat(e.getCause()).isNull());
    }

    @Test
    void givenPassword_whenPrinted_thenMasked() {
        assertThat(RedisSettings.fromUrl("redis://:hunter2@localhost:6379/3").toString())
                .doesNotContain("hunter2")
                .contains("localhost:6379/3", "***");
    }

    @Test
    void givenNamespace_whenChanged_thenValidatedAsAKeySegment() {
        RedisSettings settings = RedisSettings.fromUrl("redis://localhost:6379");

        assertThat(settings.withNamespace("tenant-1.test_x").namespace()).isEqualTo("tenant-1.test_x");
        assertThatThrownBy(() -> settings.withNamespace("a:b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withNamespace("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenNonPositiveTimeout_whenChanged_thenRejected() {
        RedisSettings settings = RedisSettings.fromUrl("redis://localhost:6379");

        assertThatThrownBy(() -> settings.withTimeouts(Duration.ZERO, Duration.ofMillis(50)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connect timeout");
        assertThatThrownBy(() -> settings.withTimeouts(Duration.ofMillis(50), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("command timeout");
        assertThatThrownBy(() -> settings.withWriteTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write timeout");
    }

    @Test
    void givenWriteTimeout_whenChanged_thenOnlyItChanges() {
        RedisSettings settings = RedisSettings.fromUrl("redis://localhost:6379");

        RedisSettings patient = settings.withWriteTimeout(Duration.ofSeconds(3));

        assertThat(patient.writeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(patient.withWriteTimeout(settings.writeTimeout())).isEqualTo(settings);
        assertThat(patient.toString()).contains("writeTimeout=PT3S");
    }

    @Test
    void givenClusterUrl_whenParsed_thenEverySeedNodeWithThePasswordAndTheDefaults() {
        RedisSettings settings = RedisSettings.fromUrl("redis-cluster://:p%40ss@10.0.0.1:7000,10.0.0.2:7001 , cache-3.internal:7002");

        assertThat(settings).isEqualTo(new RedisSettings(List.of(new RedisSettings.Node("10.0.0.1", 7000),
                new RedisSettings.Node("10.0.0.2", 7001), new RedisSettings.Node("cache-3.internal", 7002)), true, "p@ss", 0, "aside",
                Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofSeconds(1)));
        assertThat(settings.toString()).startsWith("RedisSettings[redis-cluster://:***@10.0.0.1:7000,10.0.0.2:7001,cache-3.internal:7002,")
                .doesNotContain("p@ss");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis-cluster://", "redis-cluster://host", "redis-cluster://host:7000,", "redis-cluster://host:7000,,h:1",
            "redis-cluster://host:7000/1", "redis-cluster://h:1,h2", "redis-cluster://user:pw@h:1", "redis-cluster://h:1?x=1",
            "redis-cluster://:hunter2@h:1,h:0"})
    void givenMalformedClusterUrl_whenParsed_thenRejectedNamingTheClusterShapeNeverThePassword(String url) {
        assertThatThrownBy(() -> RedisSettings.fromUrl(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Redis Cluster URL must look like redis-cluster://")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void givenClusterSettings_whenADatabaseOtherThanZeroIsAsked_thenRejected() {
        assertThatThrownBy(() -> new RedisSettings(List.of(new RedisSettings.Node("h", 1)), true, null, 2, "aside",
                Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only database 0");
    }
}
