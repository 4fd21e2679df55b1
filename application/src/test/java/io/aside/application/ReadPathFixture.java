package io.aside.application;

import static org.mockito.Mockito.mock;

import io.aside.domain.port.CachePort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The read path under test — a {@link CacheAside}, or one {@link ReadProtocol} — over a given cache, with
 * mocked metrics, a real {@link CacheTrust}, a sleeper that only records and a count of the loads that reached the database.
 * A test class registers it ({@code @RegisterExtension final ReadPathFixture<CachePort> readPath = ...});
 * it stops the lease keeper's thread after each test.
 */
final class ReadPathFixture<C extends CachePort> implements AfterEachCallback {
    /** Long enough that no test is cut short by a reader giving up on another's in-process run. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    final C cache;
    final CacheMetrics metrics = mock(CacheMetrics.class);
    final CacheTrust trust = new CacheTrust();
    /** Pauses asked for, recorded, not slept; synchronized, as concurrent readers may back off at once. */
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    /** How many loads reached the database, through {@link #counting}. */
    final AtomicInteger loads = new AtomicInteger();
    private final LeaseKeeper keeper;

    private ReadPathFixture(C cache) {
        this.cache = cache;
        this.keeper = new LeaseKeeper(cache, metrics, Duration.ofMillis(5));
    }

    static ReadPathFixture<CachePort> overMockedCache() {
        return new ReadPathFixture<>(mock(CachePort.class));
    }

    static ReadPathFixture<LeasingCache> overLeasingCache() {
        return new ReadPathFixture<>(new LeasingCache());
    }

    /** TTLs of 10 min ± 10 %, tombstones of 30 s, leases of 3 s: round figures that tests assert against. */
    static CachePolicy policy(Duration readDeadline) {
        return new CachePolicy(Duration.ofMinutes(10), 0.1, Duration.ofSeconds(30), Duration.ofSeconds(3), readDeadline,
                CachePolicy.DEFAULT_LOOKUP_ATTEMPTS, CachePolicy.DEFAULT_FALLBACK_WINDOW);
    }

    /** In-process runs shared only while they run: no answer outlives its run. */
    static ReadFlights flights() {
        return flights(Duration.ZERO);
    }

    static ReadFlights flights(Duration fallbackWindow) {
        return new ReadFlights(PATIENCE, fallbackWindow);
    }

    CacheAside cacheAside(ReadFlights flights, CachePolicy policy) {
        return cacheAside(flights, policy, sleeps::add);
    }

    CacheAside cacheAside(ReadFlights flights, CachePolicy policy, Sleeper sleeper) {
        return new CacheAside(flights, cache, trust, policy, metrics, sleeper, keeper);
    }

    ReadProtocol protocol(CachePolicy policy) {
        return new ReadProtocol(cache, trust, policy, metrics, sleeps::add, keeper);
    }

    /** {@code load}, counted in {@link #loads} each time it runs. */
    <V> Supplier<V> counting(Supplier<V> load) {
        return () -> {
            loads.incrementAndGet();
            return load.get();
        };
    }

    @Override
    public void afterEach(ExtensionContext context) {
        keeper.close();
    }
}
