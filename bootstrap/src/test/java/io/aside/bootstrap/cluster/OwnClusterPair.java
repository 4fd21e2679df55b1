package io.aside.bootstrap.cluster;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link ClusterPair} of each test's own, started before it and closed after it: failover tests
 * kill and freeze masters, so no two may share a cluster. Register it with
 * {@code @RegisterExtension final OwnClusterPair own = new OwnClusterPair();}.
 */
final class OwnClusterPair implements BeforeEachCallback, AfterEachCallback {
    private ClusterPair pair;

    @Override
    public void beforeEach(ExtensionContext context) {
        pair = ClusterPair.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (pair != null) pair.close();
        pair = null;
    }

    ClusterPair pair() {
        return pair;
    }
}
