package io.aside.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.aside.cache.InMemoryCache;
import io.aside.domain.port.CachePort;

/** The embedded default: the cache lives in this process (one instance; nothing to share). */
final class InMemoryCacheModule extends AbstractModule {
    @Provides @Singleton
    CachePort cache() {
        return new InMemoryCache();
    }
}
