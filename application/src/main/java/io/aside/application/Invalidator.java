package io.aside.application;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import java.lang.System.Logger.Level;

/**
 * The write half of the protocol: after the database commit, delete what the change made stale.
 * Never before the commit, or a reader could refill the old row in between.
 */
public final class Invalidator {
    private static final System.Logger LOG = System.getLogger(Invalidator.class.getName());

    private final CachePort cache;
    private final CacheMetrics metrics;

    public Invalidator(CachePort cache, CacheMetrics metrics) {
        this.cache = cache;
        this.metrics = metrics;
    }

    /** Best effort: the write has committed and must be reported as done even if the cache is down. */
    public void afterCommit(Invalidation invalidation) {
        if (invalidation.isEmpty()) return;
        try {
            cache.invalidate(invalidation);
        } catch (CacheUnavailableException e) {
            metrics.cacheError("invalidate");
            LOG.log(Level.WARNING, "could not invalidate " + invalidation + " after commit: " + e.getMessage());
        }
    }
}
