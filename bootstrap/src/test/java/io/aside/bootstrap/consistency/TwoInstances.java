package io.aside.bootstrap.consistency;

import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import io.aside.bootstrap.e2e.Services;
import com.google.inject.Module;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two independently wired services — each its own Guice injector, Redis client, pools and metrics —
 * sharing one fresh database and one fresh key namespace, as two production instances would.
 * A test class registers it ({@code @RegisterExtension static final TwoInstances services = new TwoInstances();});
 * it starts before the class's tests and stops after them.
 */
final class TwoInstances implements BeforeAllCallback, AfterAllCallback {
    private final List<Module> overrides;
    private Instance a;
    private Instance b;
    private CacheProbe probe;

    /** {@code extra} bindings replace production ones on both instances, after the instrumented repository. */
    TwoInstances(Module... extra) {
        List<Module> modules = new ArrayList<>(List.of(new InstrumentedRepositoryModule()));
        modules.addAll(List.of(extra));
        this.overrides = List.copyOf(modules);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // These tests prove the lease protocol, not timeouts: a generous Redis timeout keeps a starved
        // 2-core CI machine from failing lookups open to the database (the fault tests cover that).
        AsideConfig config = Services.productionConfig().withCacheTimeout(Duration.ofMillis(500));
        AsideService first = AsideService.start(config, overrides);
        try {
            AsideService second = AsideService.start(config, overrides);
            probe = new CacheProbe(config);
            a = Instance.of("A", first);
            b = Instance.of("B", second);
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (probe != null) probe.close();
        if (b != null) b.service().close();
        if (a != null) a.service().close();
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
}
