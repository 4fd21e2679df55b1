package io.aside.bootstrap.cluster;

import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.consistency.Instance;
import io.aside.bootstrap.e2e.Services;
import io.aside.cache.MemcachedCache;
import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.model.ModelId;
import io.aside.testing.MemcachedServer;
import io.aside.testing.TestServers;
import java.util.ArrayList;
import java.util.List;

/**
 * Two production instances (each its own injector, memcached client and a breaker per server, no
 * near cache) sharing one fresh database and one fresh namespace on memcached servers of the test's
 * own, which the test may kill, freeze or restart (empty, as memcached comes back). Close it when done.
 */
final class MemcachedPair extends InstancePair {
    private final List<MemcachedServer> servers;

    private MemcachedPair(List<MemcachedServer> servers, AsideConfig config) {
        super(config);
        this.servers = List.copyOf(servers);
    }

    /** {@code count} memcached servers of the pair's own in one {@code memcached://} URL, the production defaults for everything else. */
    static MemcachedPair start(int count) {
        List<MemcachedServer> servers = new ArrayList<>();
        MemcachedPair pair;
        try {
            for (int i = 0; i < count; i++) servers.add(TestServers.dedicatedMemcached());
            pair = new MemcachedPair(servers, Services.productionConfigOn(TestServers.mariaDb(), servers));
        } catch (RuntimeException | Error e) {
            servers.forEach(MemcachedServer::close);
            throw e;
        }
        pair.startInstances();
        return pair;
    }

    List<MemcachedServer> servers() {
        return servers;
    }

    /**
     * The server that holds {@code key}'s entry, as the instances' clients place it (ketama on the
     * servers' {@code host:port}): both must agree, or two instances would not share an entry.
     */
    MemcachedServer serverOf(CacheKey<?> key) {
        String onA = placement(a(), key);
        String onB = placement(b(), key);
        if (!onA.equals(onB)) throw new AssertionError(key + " is on " + onA + " for A but on " + onB + " for B");
        return servers.stream().filter(server -> (server.host() + ":" + server.port()).equals(onA)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " is placed on " + onA + ", none of " + servers));
    }

    MemcachedServer serverOfModel(long id) {
        return serverOf(new ModelKey(new ModelId(id)));
    }

    private static String placement(Instance instance, CacheKey<?> key) {
        return instance.service().instance(MemcachedCache.class).serverOf(key);
    }

    @Override
    void closeServers() {
        servers.forEach(MemcachedServer::close);
    }
}
