package io.aside.cache;

/** What the near cache reports beyond its counters (for metrics): how long writes waited for acknowledgements. */
public interface NearCacheObserver {
    /** One instance's acknowledgement of a write's invalidation was seen {@code nanos} after the write began announcing it. */
    void acknowledged(long nanos);

    /** A write's invalidation reached every instance serving a near cache after {@code nanos}; {@code silent} of them did not answer. */
    void announced(long nanos, int silent);

    NearCacheObserver NONE = new NearCacheObserver() {
        @Override
        public void acknowledged(long nanos) {}

        @Override
        public void announced(long nanos, int silent) {}
    };
}
