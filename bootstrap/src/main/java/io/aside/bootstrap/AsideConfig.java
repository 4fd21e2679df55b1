package io.aside.bootstrap;

import io.aside.application.CachePolicy;
import io.aside.cache.RedisSettings;
import io.aside.domain.Checks;
import io.aside.persistence.DatabaseSettings;
import io.aside.web.WebSettings;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The whole configuration (DESIGN §6): each variable parsed once, at start, into the settings of the
 * module that uses it. Every value has a default that runs embedded; each comes from an environment
 * variable ({@code ASIDE_PORT}) or the system property of the same name in lower case with dots
 * ({@code aside.port}), the property winning. A value that cannot be used fails the start with a
 * {@link ConfigException} naming its variable. Each part masks its own secrets, so {@link #toString()}
 * shows no password.
 */
public record AsideConfig(WebSettings web, DatabaseSettings database, CacheConfig cache, CachePolicy policy) {
    public static final int DEFAULT_PORT = 7070;
    public static final String DEFAULT_DB_URL = "jdbc:h2:file:./data/aside";

    public AsideConfig {
        Objects.requireNonNull(web, "web");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(policy, "policy");
    }

    /** Every default, on a free port and the given stores: what tests and benchmarks start. */
    public static AsideConfig defaultsOn(String dbUrl, String dbUser, String dbPassword, String cacheUrl, String cacheNamespace) {
        return new AsideConfig(WebSettings.onPort(0), new DatabaseSettings(dbUrl, dbUser, dbPassword),
                CacheConfig.at(cacheUrl, CacheOptions.DEFAULTS.withNamespace(cacheNamespace)), CachePolicy.defaults());
    }

    /** Reads the process environment and system properties. */
    public static AsideConfig load() {
        Map<String, String> env = System.getenv();
        return from(name -> {
            String property = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
            return property != null ? property : env.get(name);
        });
    }

    public static AsideConfig from(Function<String, String> source) {
        Variables v = new Variables(source);
        CacheOptions cacheOptions = new CacheOptions(
                v.value("ASIDE_CACHE_NAMESPACE", CacheOptions.DEFAULTS.namespace(), RedisSettings::requireNamespace),
                v.value("ASIDE_CACHE_TIMEOUT", CacheOptions.DEFAULTS.timeout().toString(),
                        t -> CacheOptions.requireTimeout(ConfigValues.duration(t), "cache timeout")),
                v.value("ASIDE_CACHE_WRITE_TIMEOUT", CacheOptions.DEFAULTS.writeTimeout().toString(),
                        t -> CacheOptions.requireTimeout(ConfigValues.duration(t), "cache write timeout")),
                v.value("ASIDE_NEAR_CACHE_SIZE", Long.toString(CacheOptions.DEFAULTS.nearCacheSize().bytes()), ByteSize::parse));
        String dbUser = v.value("ASIDE_DB_USER", "", Function.identity());
        String dbPassword = v.value("ASIDE_DB_PASSWORD", "", Function.identity());
        return new AsideConfig(
                v.value("ASIDE_PORT", Integer.toString(DEFAULT_PORT), port -> WebSettings.onPort(ConfigValues.port(port))),
                v.value("ASIDE_DB_URL", DEFAULT_DB_URL, url -> new DatabaseSettings(ConfigValues.jdbcUrl(url), dbUser, dbPassword)),
                v.value("ASIDE_CACHE_URL", InProcessCacheConfig.URL, url -> CacheConfig.at(url, cacheOptions)),
                CachePolicy.of(
                        v.value("ASIDE_CACHE_TTL", CachePolicy.DEFAULT_TTL.toString(),
                                ttl -> Checks.requirePositive(ConfigValues.duration(ttl), "cache TTL")),
                        v.value("ASIDE_READ_DEADLINE", CachePolicy.DEFAULT_READ_DEADLINE.toString(),
                                deadline -> Checks.requirePositive(ConfigValues.duration(deadline), "read deadline")),
                        v.value("ASIDE_FALLBACK_WINDOW", CachePolicy.DEFAULT_FALLBACK_WINDOW.toString(),
                                window -> CachePolicy.requireFallbackWindow(ConfigValues.duration(window)))));
    }

    /**
     * Refuses a wiring that would serve stale values: the in-process cache cannot see writes made by
     * other instances, and a MySQL/MariaDB database is there to be shared (the embedded H2 file is
     * locked by one process). Checked when serving, not for {@code migrate}, which uses no cache.
     */
    public void requireCacheSharedLikeTheDatabase() {
        if (!cache.sharedAcrossInstances() && !database.embedded()) {
            throw new ConfigException("ASIDE_CACHE_URL", "'memory:' keeps the cache inside this process, where writes of other "
                    + "instances sharing the MySQL/MariaDB ASIDE_DB_URL never reach it; set ASIDE_CACHE_URL=redis://host:port "
                    + "(the in-process cache goes with the embedded H2 database only)");
        }
    }

    public boolean embeddedDatabase() {
        return database.embedded();
    }

    public boolean inMemoryCache() {
        return cache instanceof InProcessCacheConfig;
    }

    /** The same configuration with another database URL (the same database through a proxy, say). */
    public AsideConfig withDbUrl(String url) {
        return new AsideConfig(web, new DatabaseSettings(url, database.user(), database.password()), cache, policy);
    }

    /**
     * The same configuration with another cache, made with this one's cache options (the in-process
     * cache takes none, so a cache made from it gets the defaults).
     */
    public AsideConfig withCacheUrl(String url) {
        return new AsideConfig(web, database, CacheConfig.at(url, cache.options()), policy);
    }

    /** Applies a parser and names the variable when it refuses the value. */
    private record Variables(Function<String, String> source) {
        <T> T value(String name, String fallback, Function<String, T> parser) {
            String raw = source.apply(name);
            try {
                return parser.apply(raw == null || raw.isBlank() ? fallback : raw);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, e.getMessage());
            }
        }
    }
}
