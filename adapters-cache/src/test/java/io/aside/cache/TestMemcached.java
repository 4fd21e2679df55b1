package io.aside.cache;

import io.aside.testing.MemcachedServer;
import java.util.List;
import java.util.stream.Collectors;

/** memcached settings for tests: the servers' URL under a namespace, with {@link TestRedis#UNHURRIED} commands. */
final class TestMemcached {
    private TestMemcached() {}

    static MemcachedSettings unhurried(List<MemcachedServer> servers, String namespace) {
        return defaults(servers, namespace).withTimeouts(TestRedis.UNHURRIED, TestRedis.UNHURRIED);
    }

    /** The production defaults, for tests about timeouts and outages. */
    static MemcachedSettings defaults(List<MemcachedServer> servers, String namespace) {
        return MemcachedSettings.fromUrl(url(servers)).withNamespace(namespace);
    }

    static String url(List<MemcachedServer> servers) {
        return MemcachedSettings.SCHEME + servers.stream().map(s -> s.host() + ":" + s.port()).collect(Collectors.joining(","));
    }
}
