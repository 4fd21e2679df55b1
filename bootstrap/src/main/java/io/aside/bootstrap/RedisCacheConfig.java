package io.aside.bootstrap;

import com.google.inject.Module;
import io.aside.cache.RedisSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Redis, {@code ASIDE_CACHE_URL=redis://…}, or a Redis Cluster, {@code redis-cluster://…} (one
 * adapter serves both; it tells them apart by the settings): the URL parsed once, with the namespace and timeouts
 * applied, ready for the adapter.
 *
 * @param nearCacheSize bytes of an in-process tier in front of Redis (DESIGN §3.3); zero turns it off
 */
public record RedisCacheConfig(RedisSettings settings, ByteSize nearCacheSize) implements CacheConfig {
    public static final String SCHEME = RedisSettings.SCHEME;
    public static final String CLUSTER_SCHEME = RedisSettings.CLUSTER_SCHEME;

    public RedisCacheConfig {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(nearCacheSize, "nearCacheSize");
    }

    /**
     * A connection gets at least the URL's default connect timeout (setting one up takes more round
     * trips than a command), and never less than a command.
     */
    static RedisCacheConfig at(String url, CacheOptions options) {
        RedisSettings fromUrl = RedisSettings.fromUrl(url); // its messages never echo the password
        Duration connect = fromUrl.connectTimeout().compareTo(options.timeout()) > 0 ? fromUrl.connectTimeout() : options.timeout();
        RedisSettings settings = fromUrl.withNamespace(options.namespace()).withTimeouts(connect, options.timeout())
                .withWriteTimeout(options.writeTimeout());
        return new RedisCacheConfig(settings, options.nearCacheSize());
    }

    @Override
    public boolean sharedAcrossInstances() {
        return true;
    }

    @Override
    public CacheOptions options() {
        return new CacheOptions(settings.namespace(), settings.commandTimeout(), settings.writeTimeout(), nearCacheSize);
    }

    @Override
    public String kind() {
        return settings.cluster() ? "redis-cluster" : "redis";
    }

    @Override
    public Module module() {
        return new RedisCacheModule(this);
    }
}
