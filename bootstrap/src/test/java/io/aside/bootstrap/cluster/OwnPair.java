package io.aside.bootstrap.cluster;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link InstancePair} of each test's own, started before it and closed after it: failover tests
 * kill and freeze servers, so no two may share them. Register it with
 * {@code @RegisterExtension final OwnPair<ClusterPair> own = new OwnPair<>(ClusterPair::start);}.
 */
final class OwnPair<P extends InstancePair> implements BeforeEachCallback, AfterEachCallback {
    private final Supplier<P> start;
    private P pair;

    OwnPair(Supplier<P> start) {
        this.start = start;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        pair = start.get();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (pair != null) pair.close();
        pair = null;
    }

    P pair() {
        return pair;
    }
}
