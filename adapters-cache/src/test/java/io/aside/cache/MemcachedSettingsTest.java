package io.aside.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemcachedSettingsTest {
    @Test
    void givenOneServer_whenParsed_thenItWithTheRedisDefaults() {
        MemcachedSettings settings = MemcachedSettings.fromUrl("memcached://cache.internal:11211");

        assertThat(settings.servers()).containsExactly(new MemcachedSettings.Server("cache.internal", 11211));
        assertThat(settings.namespace()).isEqualTo(RedisSettings.DEFAULT_NAMESPACE);
        assertThat(settings.commandTimeout()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.writeTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void givenSeveralServers_whenParsed_thenAllInTheirOrder() {
        MemcachedSettings settings = MemcachedSettings.fromUrl("memcached://10.0.0.1:11211, 10.0.0.2:11212,[::1]:11213");

        assertThat(settings.servers()).extracting(MemcachedSettings.Server::toString)
                .containsExactly("10.0.0.1:11211", "10.0.0.2:11212", "[::1]:11213");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "redis://h:1                     | the scheme must be memcached://",
            "memcached://                    | a server is empty",
            "memcached://h:1,,h:2            | a server is empty",
            "memcached://h                   | 'h' needs a port 1-65535",
            "memcached://h:0                 | 'h:0' needs a port 1-65535",
            "memcached://h:1,h:1             | server h:1 is listed twice",
            "memcached://user:pw@h:1         | memcached's text protocol has no password",
            "memcached://h:1/db              | 'h:1/db' must be host:port only",
            "memcached://h:1?timeout=5       | 'h:1?timeout=5' must be host:port only",
    })
    void givenMalformedUrl_whenParsed_thenTheProblemAndTheShapeAreNamed(String url, String problem) {
        assertThatThrownBy(() -> MemcachedSettings.fromUrl(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memcached URL must look like memcached://host:port[,host:port…], but " + problem);
    }

    @Test
    void givenSettings_whenNamespaceAndTimeoutsChanged_thenTheServersStay() {
        MemcachedSettings settings = MemcachedSettings.fromUrl("memcached://h:1,h:2").withNamespace("other")
                .withTimeouts(Duration.ofMillis(200), Duration.ofMillis(80)).withWriteTimeout(Duration.ofSeconds(2));

        assertThat(settings).isEqualTo(new MemcachedSettings(List.of(new MemcachedSettings.Server("h", 1), new MemcachedSettings.Server("h", 2)),
                "other", Duration.ofMillis(200), Duration.ofMillis(80), Duration.ofSeconds(2)));
    }
}
