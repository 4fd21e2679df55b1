package io.aside.bootstrap.consistency;

import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import io.aside.bootstrap.e2e.Services;
import java.util.List;

/**
 * Two independently wired services — each its own Guice injector, Redis client, pools and metrics —
 * sharing one fresh database and one fresh key namespace, as two production instances would.
 */
final class TwoInstances implements AutoCloseable {
    private final Instance a;
    private final Instance b;
    private final CacheProbe probe;

    private TwoInstances(CacheProbe probe, Instance a, Instance b) {
        this.probe = probe;
        this.a = a;
        this.b = b;
    }

    static TwoInstances start() {
        AsideConfig config = Services.productionConfig();
        AsideService first = AsideService.start(config, List.of(new InstrumentedRepositoryModule()));
        try {
            AsideService second = AsideService.start(config, List.of(new InstrumentedRepositoryModule()));
            return new TwoInstances(new CacheProbe(config), Instance.of("A", first), Instance.of("B", second));
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
    }

    Instance a() {
        return a;
    }

    Instance b() {
        return b;
    }

    List<Instance> both() {
        return List.of(a, b);
    }

    /** Loads of {@code key} (a ModelId or a Category) by both instances together. */
    int loadsOf(Object key) {
        return a.repository().loadsOf(key) + b.repository().loadsOf(key);
    }

    /** Both instances' cache counters, to explain a failed count. */
    String cacheCounters() {
        return a.cacheCounters() + "\n" + b.cacheCounters();
    }

    CacheProbe probe() {
        return probe;
    }

    @Override
    public void close() {
        probe.close();
        b.service().close();
        a.service().close();
    }
}
