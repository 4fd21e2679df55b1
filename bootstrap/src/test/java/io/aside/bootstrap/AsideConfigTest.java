package io.aside.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aside.application.CachePolicy;
import io.aside.cache.MemcachedSettings;
import io.aside.cache.RedisSettings;
import io.aside.persistence.DatabaseSettings;
import io.aside.web.WebSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AsideConfigTest {
    private static final Map<String, String> PRODUCTION = Map.ofEntries(Map.entry("ASIDE_PORT", "8080"),
            Map.entry("ASIDE_DB_URL", "jdbc:mysql://db:3306/aside"), Map.entry("ASIDE_DB_USER", "aside"),
            Map.entry("ASIDE_DB_PASSWORD", "s3cret"), Map.entry("ASIDE_CACHE_URL", "redis://:pw@cache:6379/2"),
            Map.entry("ASIDE_CACHE_TTL", "PT5M"), Map.entry("ASIDE_CACHE_NAMESPACE", "shop-1"),
            Map.entry("ASIDE_CACHE_TIMEOUT", "PT0.2S"), Map.entry("ASIDE_CACHE_WRITE_TIMEOUT", "PT2S"),
            Map.entry("ASIDE_NEAR_CACHE_SIZE", "16m"), Map.entry("ASIDE_READ_DEADLINE", "PT20S"),
            Map.entry("ASIDE_FALLBACK_WINDOW", "PT0S"));

    @Test
    void givenNothingSet_whenLoaded_thenEmbeddedDefaults() {
        AsideConfig config = AsideConfig.from(name -> null);

        assertThat(config).isEqualTo(new AsideConfig(new WebSettings(7070, 64 * 1024, Duration.ofSeconds(10)),
                new DatabaseSettings("jdbc:h2:file:./data/aside", "", ""), new InProcessCacheConfig(),
                new CachePolicy(Duration.ofHours(1), 0.1, Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(12), 3,
                        Duration.ofSeconds(1))));
        assertThat(config.embeddedDatabase()).isTrue();
        assertThat(config.inMemoryCache()).isTrue();
    }

    @Test
    void givenNothingSetButARedisUrl_whenLoaded_thenRedisDefaults() {
        AsideConfig config = AsideConfig.from(Map.of("ASIDE_CACHE_URL", "redis://cache:6379")::get);

        assertThat(config.cache()).isEqualTo(new RedisCacheConfig(new RedisSettings("cache", 6379, null, 0, "aside",
                Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofSeconds(1)), new ByteSize(67_108_864)));
        assertThat(config.cache().options()).isEqualTo(CacheOptions.DEFAULTS);
    }

    @Test
    void givenARedisClusterUrl_whenLoaded_thenTheSeedNodesWithTheCacheOptions() {
        AsideConfig config = AsideConfig.from(Map.of("ASIDE_CACHE_URL", "redis-cluster://:pw@cache-1:7000,cache-2:7000",
                "ASIDE_CACHE_NAMESPACE", "shop-1", "ASIDE_CACHE_TIMEOUT", "PT0.2S")::get);

        assertThat(config.cache()).isEqualTo(new RedisCacheConfig(new RedisSettings(
                List.of(new RedisSettings.Node("cache-1", 7000), new RedisSettings.Node("cache-2", 7000)), true, "pw", 0, "shop-1",
                Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(1)), new ByteSize(67_108_864)));
        assertThat(config.cache().sharedAcrossInstances()).isTrue();
    }

    @Test
    void givenMemcachedServers_whenLoaded_thenEachServerWithTheCacheOptions() {
        AsideConfig config = AsideConfig.from(Map.of("ASIDE_CACHE_URL", "memcached://cache-1:11211,cache-2:11211",
                "ASIDE_CACHE_NAMESPACE", "shop-1", "ASIDE_CACHE_TIMEOUT", "PT0.2S")::get);

        assertThat(config.cache()).isEqualTo(new MemcachedCacheConfig(new MemcachedSettings(
                List.of(new MemcachedSettings.Server("cache-1", 11211), new MemcachedSettings.Server("cache-2", 11211)), "shop-1",
                Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(1))));
        assertThat(config.cache().sharedAcrossInstances()).isTrue();
    }

    @Test
    void givenProductionValues_whenLoaded_thenEachParsedOnceIntoItsModulesSettings() {
        AsideConfig config = AsideConfig.from(PRODUCTION::get);

        assertThat(config).isEqualTo(new AsideConfig(WebSettings.onPort(8080),
                new DatabaseSettings("jdbc:mysql://db:3306/aside", "aside", "s3cret"),
                new RedisCacheConfig(new RedisSettings("cache", 6379, "pw", 2, "shop-1", Duration.ofMillis(200), Duration.ofMillis(200),
                        Duration.ofSeconds(2)), new ByteSize(16 * 1024 * 1024)),
                new CachePolicy(Duration.ofMinutes(5), 0.1, Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(20), 3,
                        Duration.ZERO)));
        assertThat(config.embeddedDatabase()).isFalse();
        assertThat(config.inMemoryCache()).isFalse();
    }

    @Test
    void givenPasswords_whenPrinted_thenNeverShown() {
        assertThat(AsideConfig.from(PRODUCTION::get).toString()).doesNotContain("s3cret").doesNotContain("pw@").contains("***");
    }

    @Test
    void givenCacheTimeoutShorterThanTheUrlsConnectTimeout_whenLoaded_thenConnectingKeepsTheLonger() {
        AsideConfig config = AsideConfig.from(Map.of("ASIDE_CACHE_URL", "redis://cache:6379", "ASIDE_CACHE_TIMEOUT", "PT0.02S")::get);

        RedisSettings settings = ((RedisCacheConfig) config.cache()).settings();
        assertThat(settings.commandTimeout()).isEqualTo(Duration.ofMillis(20));
        assertThat(settings.connectTimeout()).isEqualTo(RedisSettings.DEFAULT_CONNECT_TIMEOUT);
    }

    @Test
    void givenSystemProperties_whenLoaded_thenTheyAreUsed() {
        System.setProperty("aside.cache.url", "redis://cache:6379");
        System.setProperty("aside.near.cache.size", "1k");
        try {
            assertThat(AsideConfig.load().cache()).isInstanceOfSatisfying(RedisCacheConfig.class,
                    redis -> assertThat(redis.nearCacheSize()).isEqualTo(new ByteSize(1024)));
        } finally {
            System.clearProperty("aside.cache.url");
            System.clearProperty("aside.near.cache.size");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|0", "1024|1024", "64k|65536", "64K|65536", "64m|67108864", "64M|67108864", "1g|1073741824", "2G|2147483648",
            " 8m |8388608", "67108864|67108864"})
    void givenNearCacheSize_whenLoaded_thenBytes(String written, long bytes) {
        AsideConfig config = AsideConfig.from(Map.of("ASIDE_CACHE_URL", "redis://cache:6379", "ASIDE_NEAR_CACHE_SIZE", written)::get);

        assertThat(((RedisCacheConfig) config.cache()).nearCacheSize()).isEqualTo(new ByteSize(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "64MB", "64MiB", "1.5g", "m", "64 m", "1t", "0x10", "9999999999g", "99999999999999999999"})
    void givenBadNearCacheSize_whenLoaded_thenOneLineNamingTheVariable(String written) {
        assertThatThrownBy(() -> AsideConfig.from(Map.of("ASIDE_NEAR_CACHE_SIZE", written)::get))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ASIDE_NEAR_CACHE_SIZE: must be a number of bytes, optionally with a k, m or g suffix");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ASIDE_PORT|http|ASIDE_PORT: must be a TCP port number",
            "ASIDE_PORT|70000|ASIDE_PORT: port must be 0..65535",
            "ASIDE_DB_URL|jdbc:postgresql://x/y|ASIDE_DB_URL: must be a jdbc:mysql://",
            "ASIDE_CACHE_URL|memcache://x:1|ASIDE_CACHE_URL: must be 'memory:', redis://[:password@]host:port[/db], redis-cluster://",
            "ASIDE_CACHE_URL|memcached://x|ASIDE_CACHE_URL: memcached URL must look like memcached://host:port[,host:port…], but 'x' needs a port",
            "ASIDE_CACHE_URL|redis://:secret@|ASIDE_CACHE_URL: Redis URL must look like",
            "ASIDE_CACHE_URL|redis://:secret@host|ASIDE_CACHE_URL: Redis URL must look like",
            "ASIDE_CACHE_TTL|1h|ASIDE_CACHE_TTL: must be an ISO-8601 duration",
            "ASIDE_CACHE_TTL|PT0S|ASIDE_CACHE_TTL: cache TTL must be positive",
            "ASIDE_CACHE_NAMESPACE|a:b|ASIDE_CACHE_NAMESPACE: cache namespace must be 1-64 letters",
            "ASIDE_CACHE_TIMEOUT|PT1M|ASIDE_CACHE_TIMEOUT: cache timeout must be at most PT10S",
            "ASIDE_CACHE_TIMEOUT|50ms|ASIDE_CACHE_TIMEOUT: must be an ISO-8601 duration",
            "ASIDE_CACHE_TIMEOUT|-PT1S|ASIDE_CACHE_TIMEOUT: cache timeout must be positive",
            "ASIDE_CACHE_WRITE_TIMEOUT|PT1M|ASIDE_CACHE_WRITE_TIMEOUT: cache write timeout must be at most PT10S",
            "ASIDE_CACHE_WRITE_TIMEOUT|PT0S|ASIDE_CACHE_WRITE_TIMEOUT: cache write timeout must be positive",
            "ASIDE_NEAR_CACHE_SIZE|lots|ASIDE_NEAR_CACHE_SIZE: must be a number of bytes",
            "ASIDE_READ_DEADLINE|PT0S|ASIDE_READ_DEADLINE: read deadline must be positive",
            "ASIDE_READ_DEADLINE|12s|ASIDE_READ_DEADLINE: must be an ISO-8601 duration",
            "ASIDE_FALLBACK_WINDOW|PT2M|ASIDE_FALLBACK_WINDOW: fallback window must be from PT0S",
            "ASIDE_FALLBACK_WINDOW|-PT1S|ASIDE_FALLBACK_WINDOW: fallback window must be from PT0S"})
    void givenBadValue_whenLoaded_thenOneLineNamingTheVariable(String variable, String value, String message) {
        assertThatThrownBy(() -> AsideConfig.from(Map.of(variable, value)::get))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message)
                .hasMessageNotContaining("secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** The cases above run with the default in-process cache, which takes no option: a bad one still stops the start. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"ASIDE_CACHE_NAMESPACE|a:b", "ASIDE_CACHE_TIMEOUT|PT1M", "ASIDE_NEAR_CACHE_SIZE|lots"})
    void givenBadCacheOptionWithARedisCache_whenLoaded_thenTheSameVariableIsNamed(String variable, String value) {
        assertThatThrownBy(() -> AsideConfig.from(Map.of("ASIDE_CACHE_URL", "redis://cache:6379", variable, value)::get))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(variable + ": ");
    }

    @Test
    void givenInProcessCacheAndMySqlDatabase_whenCheckedForServing_thenRefusedNamingBothVariables() {
        AsideConfig config = AsideConfig.from(Map.of("ASIDE_DB_URL", "jdbc:mysql://db:3306/aside")::get);

        assertThatThrownBy(config::requireCacheSharedLikeTheDatabase)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ASIDE_CACHE_URL: ")
                .hasMessageContaining("ASIDE_DB_URL");
    }

    @Test
    void givenDefaultsOnStores_whenMade_thenEveryDefaultOnAFreePortAndTheGivenNamespace() {
        AsideConfig config = AsideConfig.defaultsOn("jdbc:mysql://db:3306/aside", "u", "p", "redis://cache:6379", "test-1");

        assertThat(config.web().port()).isZero();
        assertThat(config.database()).isEqualTo(new DatabaseSettings("jdbc:mysql://db:3306/aside", "u", "p"));
        assertThat(config.cache().options()).isEqualTo(CacheOptions.DEFAULTS.withNamespace("test-1"));
        assertThat(config.policy()).isEqualTo(CachePolicy.defaults());
    }

    @Test
    void givenRedisConfig_whenMovedToAnotherUrl_thenItsOptionsAndEverythingElseAreKept() {
        AsideConfig config = AsideConfig.from(PRODUCTION::get);

        AsideConfig moved = config.withCacheUrl("redis://elsewhere:6380").withDbUrl("jdbc:mysql://proxy:3307/aside");

        RedisSettings settings = ((RedisCacheConfig) moved.cache()).settings();
        assertThat(settings.host()).isEqualTo("elsewhere");
        assertThat(settings.password()).isNull();
        assertThat(moved.cache().options()).isEqualTo(config.cache().options());
        assertThat(moved.database()).isEqualTo(new DatabaseSettings("jdbc:mysql://proxy:3307/aside", "aside", "s3cret"));
        assertThat(moved.web()).isEqualTo(config.web());
        assertThat(moved.policy()).isEqualTo(config.policy());
        assertThat(moved.withCacheUrl(InProcessCacheConfig.URL).inMemoryCache()).isTrue();
    }
}
