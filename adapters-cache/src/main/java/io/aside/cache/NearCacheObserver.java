package io.aside.cache;

/** What the near cache reports beyond its counters (for metrics): how long writes waited for acknowledgements. */
public interface NearCacheObserver {
    /** A write's invalidation reached every instance serving a near cache after {@code nanos}; {@code silent} of them did not answer. */
    void announced(long nanos, int silent);

    NearCacheObserver NONE = (nanos, silent) -> {};
}
