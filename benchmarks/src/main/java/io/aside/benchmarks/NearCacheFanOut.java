package io.aside.benchmarks;

import io.aside.cache.NearCache;
import io.aside.cache.NearCacheObserver;
import io.aside.cache.NearCacheSettings;
import io.aside.cache.RedisCache;
import io.aside.cache.RedisSettings;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * What strictness costs a write (DESIGN §3.3): how long an invalidation takes to be announced to
 * every instance's near cache and acknowledged by all of them, with 2, 4 and 8 instances on one Redis
 * (in one process, each with its own clients, subscription and lease). Each write is timed alone,
 * as a service's write would wait for it.
 *
 * <p><b>Claim</b> (exit 1 with a {@code CLAIM FAILED} line otherwise): with up to 8 instances, the 99th
 * percentile stays under {@value #MAX_P99_MILLIS} ms — acknowledged in round trips, never by waiting
 * out an instance's 2 s serving lease.
 * <pre>
 * mvn -q -DskipTests package &amp;&amp; java -cp benchmarks/target/benchmarks.jar io.aside.benchmarks.NearCacheFanOut
 * </pre>
 */
public final class NearCacheFanOut {
    static final int WRITES = 2_000;
    static final int WARM_UP = 500;
    static final long MAX_P99_MILLIS = 50;

    private NearCacheFanOut() {}

    public static void main(String[] args) {
        RedisServer redis = TestServers.redis();
        List<String> failures = new ArrayList<>();
        System.out.printf(Locale.ROOT, "== NearCacheFanOut: %d invalidations announced and acknowledged, one at a time ==%n", WRITES);
        System.out.printf(Locale.ROOT, "%-10s %9s %9s %9s %9s%n", "instances", "p50 ms", "p99 ms", "max ms", "writes/s");
        for (int instances : new int[] {2, 4, 8}) {
            Histogram waits = measure(redis, instances);
            double p99 = waits.getValueAtPercentile(99) / 1e6;
            System.out.printf(Locale.ROOT, "%-10d %9.2f %9.2f %9.2f %9.0f%n", instances, waits.getValueAtPercentile(50) / 1e6, p99,
                    waits.getMaxValue() / 1e6, 1e9 / waits.getMean());
            if (!(p99 < MAX_P99_MILLIS)) failures.add(String.format(Locale.ROOT, "with %d instances the p99 is %.1f ms, the claim is under %d ms",
                    instances, p99, MAX_P99_MILLIS));
        }
        System.exit(Claim.judge(failures, "an invalidation is acknowledged by up to 8 near caches with a p99 under " + MAX_P99_MILLIS + " ms"));
    }

    /** Times {@link #WRITES} invalidations from the first of {@code count} instances sharing a fresh namespace. */
    private static Histogram measure(RedisServer redis, int count) {
        RedisSettings settings = RedisSettings.fromUrl(redis.url()).withNamespace(redis.freshNamespace());
        List<RedisCache> clients = new ArrayList<>();
        List<NearCache> nears = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                RedisCache client = new RedisCache(settings);
                clients.add(client);
                nears.add(client.withNearCache(client, NearCacheSettings.ofSize(1 << 20), NearCacheObserver.NONE));
            }
            nears.forEach(NearCacheStart::awaitServing);
            Histogram waits = new Histogram(60_000_000_000L, 3);
            NearCache writer = nears.get(0);
            for (int i = 0; i < WARM_UP + WRITES; i++) {
                Invalidation invalidation = new Invalidation(Set.of(new ModelId(i + 1)), Set.of(new Category("c" + (i % 10))));
                long start = System.nanoTime();
                writer.invalidate(invalidation);
                if (i >= WARM_UP) waits.recordValue(System.nanoTime() - start);
            }
            return waits;
        } finally {
            nears.forEach(NearCache::close);
            clients.forEach(RedisCache::close);
        }
    }
}
