package io.aside.bootstrap.consistency;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.aside.application.CacheAside;
import io.aside.application.CacheMetrics;
import io.aside.application.CachePolicy;
import io.aside.application.CacheTrust;
import io.aside.application.LeaseKeeper;
import io.aside.application.ReadFlights;
import io.aside.application.Sleeper;
import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.ForwardingCache;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline the herd tests are measured against: plain cache-aside, as most caching libraries
 * do it — every reader that misses loads from the database, nobody waits for another's load. It
 * reuses the production read path with two differences: reads in one process do not share a load,
 * and a lookup finding someone else's lease is told it may load too.
 */
final class WithoutLeases extends AbstractModule {
    @Provides @Singleton
    CacheAside cacheAside(CachePort cache, CacheTrust trust, CachePolicy policy, CacheMetrics metrics, LeaseKeeper keeper) {
        return new CacheAside(ReadFlights.uncoalesced(), new EveryMissLoads(cache), trust, policy, metrics, Sleeper.REAL, keeper);
    }

    private static final class EveryMissLoads extends ForwardingCache {
        private static final AtomicLong TOKENS = new AtomicLong();

        EveryMissLoads(CachePort cache) {
            super(cache);
        }

        @Override
        public <V> Lookup<V> lookup(CacheKey<V> key, LeaseRequest request) {
            Lookup<V> found = delegate.lookup(key, request);
            return found instanceof Lookup.Busy<V> ? new Lookup.Leased<>(new Lease<>(key, "baseline-" + TOKENS.incrementAndGet(), 0)) : found;
        }
    }
}
