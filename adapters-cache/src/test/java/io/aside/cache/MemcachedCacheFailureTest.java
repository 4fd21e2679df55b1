package io.aside.cache;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.testing.MemcachedServer;
import io.aside.testing.TestServers;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** {@link CacheOutageContract} on a memcached client; and a connection whose reply came too late is never read again. */
class MemcachedCacheFailureTest extends CacheOutageContract {
    static MemcachedSettings settings(int port) {
        return MemcachedSettings.fromUrl("memcached://127.0.0.1:" + port).withNamespace("aside-failure");
    }

    @Override
    CachePort open(int port) {
        return new MemcachedCache(settings(port));
    }

    @Override
    CacheShards shards(CachePort cache) {
        return ((MemcachedCache) cache).shards();
    }

    @Override
    void close(CachePort cache) {
        ((MemcachedCache) cache).close();
    }

    /** The replies of a paused server arrive after the timeout: read on that connection, they would answer the wrong commands. */
    @Test
    void givenServerPausedPastTheTimeout_whenItResumes_thenEveryLookupGetsItsOwnKeysValue() {
        MemcachedServer server = TestServers.dedicatedMemcached();
        try (MemcachedCache cache = new MemcachedCache(settings(server.port()))) {
            List<ModelKey> keys = LongStream.rangeClosed(1, 20).mapToObj(id -> new ModelKey(new ModelId(id))).toList();
            keys.forEach(key -> CachePortContract.fillOn(cache, key, Presence.of(model(key.id().value(), "v" + key.id().value()))));

            server.pause();
            for (ModelKey key : keys) assertThatThrownBy(() -> CachePortContract.lookupOn(cache, key)).isInstanceOf(CacheUnavailableException.class);
            server.resume();

            assertThat(keys).allSatisfy(key -> assertThat(CachePortContract.lookupOn(cache, key))
                    .isEqualTo(new Lookup.Hit<>(Presence.of(model(key.id().value(), "v" + key.id().value())))));
        } finally {
            server.close();
        }
    }
}
