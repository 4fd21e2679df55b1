package io.aside.bootstrap;

import com.google.inject.Module;
import io.aside.cache.MemcachedSettings;
import java.util.Objects;

/**
 * memcached, {@code ASIDE_CACHE_URL=memcached://host:port[,host:port…]}: the servers parsed once, with
 * the namespace and timeouts applied. There is no near cache in front of it: keeping one strict needs
 * a bus to every instance, which memcached does not have (DESIGN §3.5), so {@code ASIDE_NEAR_CACHE_SIZE}
 * is not used.
 */
public record MemcachedCacheConfig(MemcachedSettings settings) implements CacheConfig {
    public static final String SCHEME = MemcachedSettings.SCHEME;

    public MemcachedCacheConfig {
        Objects.requireNonNull(settings, "settings");
    }

    /** A connection gets at least the default connect timeout, and never less than a command, as for Redis. */
    static MemcachedCacheConfig at(String url, CacheOptions options) {
        MemcachedSettings fromUrl = MemcachedSettings.fromUrl(url);
        var connect = fromUrl.connectTimeout().compareTo(options.timeout()) > 0 ? fromUrl.connectTimeout() : options.timeout();
        return new MemcachedCacheConfig(fromUrl.withNamespace(options.namespace()).withTimeouts(connect, options.timeout())
                .withWriteTimeout(options.writeTimeout()));
    }

    @Override
    public boolean sharedAcrossInstances() {
        return true;
    }

    /** The near cache's size is kept as configured defaults: memcached does not use it, another kind made from these options may. */
    @Override
    public CacheOptions options() {
        return new CacheOptions(settings.namespace(), settings.commandTimeout(), settings.writeTimeout(), CacheOptions.DEFAULTS.nearCacheSize());
    }

    @Override
    public String kind() {
        return "memcached";
    }

    @Override
    public Module module() {
        return new MemcachedCacheModule(this);
    }
}
