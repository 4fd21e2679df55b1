package io.aside.bootstrap;

import com.google.inject.Module;

/** The embedded default, {@code ASIDE_CACHE_URL=memory:}: entries live in this process only. */
public record InProcessCacheConfig() implements CacheConfig {
    public static final String URL = "memory:";

    @Override
    public boolean sharedAcrossInstances() {
        return false;
    }

    /** It takes none of the options (it has no server to wait for, nor a namespace to share): the defaults. */
    @Override
    public CacheOptions options() {
        return CacheOptions.DEFAULTS;
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public Module module() {
        return new InMemoryCacheModule();
    }
}
