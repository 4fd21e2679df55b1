package io.aside.benchmarks;

import io.aside.cache.NearCache;
import java.util.concurrent.TimeUnit;

/** A near cache serves once it has subscribed to invalidations and taken its lease: the benchmarks wait for that. */
final class NearCacheStart {
    private NearCacheStart() {}

    static void awaitServing(NearCache near) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!near.serving()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("a near cache did not start serving within 10 s");
            Thread.onSpinWait();
        }
    }
}
