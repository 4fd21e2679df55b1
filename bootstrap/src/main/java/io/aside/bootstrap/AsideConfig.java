package io.aside.bootstrap;

import io.aside.application.CachePolicy;
import io.aside.cache.RedisSettings;
import io.aside.persistence.DatabaseSettings;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The whole configuration (DESIGN §6), typed and validated. Every value has a default that runs
 * embedded; each comes from an environment variable ({@code ASIDE_PORT}) or the system property of
 * the same name in lower case with dots ({@code aside.port}), the property winning.
 */
public record AsideConfig(int port, String dbUrl, String dbUser, String dbPassword, String cacheUrl, Duration cacheTtl,
                          String cacheNamespace, Duration cacheTimeout, Duration cacheWriteTimeout, Duration readDeadline,
                          Duration fallbackWindow) {
    public static final String DEFAULT_DB_URL = "jdbc:h2:file:./data/aside";
    public static final String MEMORY_CACHE = "memory:";
    /** Tens of milliseconds: a Redis that does not answer by then is treated as down (reads go to the database). */
    public static final Duration DEFAULT_CACHE_TIMEOUT = Duration.ofMillis(50);
    /** The last attempt at delivering a committed write's invalidation waits this long for Redis. */
    public static final Duration DEFAULT_CACHE_WRITE_TIMEOUT = RedisSettings.DEFAULT_WRITE_TIMEOUT;
    /** How long a read waits for another reader's load while its lease lives: the database's 10 s query timeout, and some. */
    public static final Duration DEFAULT_READ_DEADLINE = CachePolicy.DEFAULT_READ_DEADLINE;
    /**
     * While an instance cannot use the cache, a database read answers its later readers of the same
     * key for this long: long enough that a burst costs one load, short enough to be a small bound.
     */
    public static final Duration DEFAULT_FALLBACK_WINDOW = Duration.ofSeconds(1);

    /** Every default, on a free port and the given stores: what tests and benchmarks start. */
    public static AsideConfig defaultsOn(String dbUrl, String dbUser, String dbPassword, String cacheUrl, String cacheNamespace) {
        return new AsideConfig(0, dbUrl, dbUser, dbPassword, cacheUrl, CachePolicy.DEFAULT_TTL, cacheNamespace,
                DEFAULT_CACHE_TIMEOUT, DEFAULT_CACHE_WRITE_TIMEOUT, DEFAULT_READ_DEADLINE, DEFAULT_FALLBACK_WINDOW);
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
        Settings s = new Settings(source);
        return new AsideConfig(
                s.value("ASIDE_PORT", "7070", AsideConfig::port),
                s.value("ASIDE_DB_URL", DEFAULT_DB_URL, AsideConfig::dbUrl),
                s.value("ASIDE_DB_USER", "", v -> v),
                s.value("ASIDE_DB_PASSWORD", "", v -> v),
                s.value("ASIDE_CACHE_URL", MEMORY_CACHE, AsideConfig::cacheUrl),
                s.value("ASIDE_CACHE_TTL", "PT1H", AsideConfig::ttl),
                s.value("ASIDE_CACHE_NAMESPACE", "aside", AsideConfig::namespace),
                s.value("ASIDE_CACHE_TIMEOUT", DEFAULT_CACHE_TIMEOUT.toString(), AsideConfig::timeout),
                s.value("ASIDE_CACHE_WRITE_TIMEOUT", DEFAULT_CACHE_WRITE_TIMEOUT.toString(), AsideConfig::timeout),
                s.value("ASIDE_READ_DEADLINE", DEFAULT_READ_DEADLINE.toString(), AsideConfig::ttl),
                s.value("ASIDE_FALLBACK_WINDOW", DEFAULT_FALLBACK_WINDOW.toString(), AsideConfig::window));
    }

    /**
     * Refuses a wiring that would serve stale values: the in-process cache cannot see writes made by
     * other instances, and a MySQL/MariaDB database is there to be shared (the embedded H2 file is
     * locked by one process). Checked when serving, not for {@code migrate}, which uses no cache.
     */
    public void requireCacheSharedLikeTheDatabase() {
        if (inMemoryCache() && !embeddedDatabase()) {
            throw new ConfigException("ASIDE_CACHE_URL", "'memory:' keeps the cache inside this process, where writes of other "
                    + "instances sharing the MySQL/MariaDB ASIDE_DB_URL never reach it; set ASIDE_CACHE_URL=redis://host:port "
                    + "(the in-process cache goes with the embedded H2 database only)");
        }
    }

    public boolean embeddedDatabase() {
        return dbUrl.startsWith("jdbc:h2:");
    }

    public boolean inMemoryCache() {
        return cacheUrl.equals(MEMORY_CACHE);
    }

    /** Never prints the password, nor one embedded in the cache URL. */
    @Override
    public String toString() {
        return "port=" + port + " db=" + dbUrl + " dbUser=" + dbUser + " dbPassword=" + (dbPassword.isEmpty() ? "" : "***")
                + " cache=" + cacheUrl.replaceFirst("//[^@/]*@", "//***@") + " cacheTtl=" + cacheTtl + " cacheNamespace=" + cacheNamespace + " cacheTimeout=" + cacheTimeout
                + " cacheWriteTimeout=" + cacheWriteTimeout + " readDeadline=" + readDeadline + " fallbackWindow=" + fallbackWindow;
    }

    private static int port(String v) {
        try {
            int port = Integer.parseInt(v.trim());
            if (port >= 0 && port <= 65535) return port;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("must be a TCP port number 0-65535, got '" + v + "'");
    }

    private static String dbUrl(String v) {
        if (!v.startsWith("jdbc:h2:") && !v.startsWith("jdbc:mysql://")) {
            throw new IllegalArgumentException("must be a jdbc:mysql://host:port/database URL (MySQL or MariaDB) or a jdbc:h2: URL");
        }
        new DatabaseSettings(v, "", ""); // the adapter's own checks, at start rather than at first query
        return v;
    }

    private static String cacheUrl(String v) {
        if (v.equals(MEMORY_CACHE)) return v;
        if (!v.startsWith("redis://")) throw new IllegalArgumentException("must be 'memory:' or redis://[:password@]host:port[/db]");
        RedisSettings.fromUrl(v); // its message never echoes the password
        return v;
    }

    /** The same configuration with another database URL (the same database through a proxy, say). */
    public AsideConfig withDbUrl(String url) {
        return new AsideConfig(port, url, dbUser, dbPassword, cacheUrl, cacheTtl, cacheNamespace, cacheTimeout, cacheWriteTimeout,
                readDeadline, fallbackWindow);
    }

    /** The same configuration with another cache. */
    public AsideConfig withCacheUrl(String url) {
        return new AsideConfig(port, dbUrl, dbUser, dbPassword, url, cacheTtl, cacheNamespace, cacheTimeout, cacheWriteTimeout,
                readDeadline, fallbackWindow);
    }

    private static Duration timeout(String v) {
        Duration d = ttl(v);
        if (d.compareTo(Duration.ofSeconds(10)) <= 0) return d;
        throw new IllegalArgumentException("must be at most PT10S: a cache that slow is better skipped, got '" + v + "'");
    }

    /** Zero or positive, at most a minute: a bound on staleness during an outage must stay small. */
    private static Duration window(String v) {
        return duration(v, d -> !d.isNegative() && d.compareTo(Duration.ofMinutes(1)) <= 0, "an ISO-8601 duration from PT0S (off) to PT1M");
    }

    private static String namespace(String v) {
        if (v.matches("[A-Za-z0-9_.-]{1,64}")) return v;
        throw new IllegalArgumentException("must be 1-64 letters, digits, '.', '_' or '-', got '" + v + "'");
    }

    private static Duration ttl(String v) {
        return duration(v, d -> !d.isNegative() && !d.isZero(), "a positive ISO-8601 duration such as PT1H or PT30S");
    }

    private static Duration duration(String v, Predicate<Duration> acceptable, String requirement) {
        try {
            Duration d = Duration.parse(v.trim());
            if (acceptable.test(d)) return d;
        } catch (DateTimeParseException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("must be " + requirement + ", got '" + v + "'");
    }

    /** Applies a parser and names the variable when it refuses the value. */
    private record Settings(Function<String, String> source) {
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
