package io.aside.cache;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.testing.MemcachedServer;
import io.aside.testing.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** {@link CacheOutageContract} on a memcached client; and a connection whose reply came too late is never read again. */
class MemcachedCacheFailureTest extends CacheOutageContract {
    private static final Duration SEEDING = Duration.ofSeconds(2);

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
        List<ModelKey> keys = LongStream.rangeClosed(1, 20).mapToObj(id -> new ModelKey(new ModelId(id))).toList();
        try {
            seed(server, keys);
            try (MemcachedCache cache = new MemcachedCache(settings(server.port()))) {
                server.pause();
                for (ModelKey key : keys) assertThatThrownBy(() -> CachePortContract.lookupOn(cache, key)).isInstanceOf(CacheUnavailableException.class);
                server.resume();

                for (ModelKey key : keys) {
                    // A timeout while the resumed server catches up is allowed; an answer that is not this key's never is.
                    Lookup<Presence<Model>> found = await().atMost(Duration.ofSeconds(5)).ignoreException(CacheUnavailableException.class)
                            .until(() -> CachePortContract.lookupOn(cache, key), lookup -> true);
                    assertThat(found).as("key %s", key).isEqualTo(new Lookup.Hit<>(Presence.of(model(key.id().value(), "v" + key.id().value()))));
                }
            }
        } finally {
            server.close();
        }
    }

    /**
     * By a patient client: a server just started on a busy machine may take more than a command's
     * timeout to answer its first fills, and the seeding is not what is tested here.
     */
    private static void seed(MemcachedServer server, List<ModelKey> keys) {
        try (MemcachedCache seeder = new MemcachedCache(settings(server.port()).withTimeouts(SEEDING, SEEDING))) {
            keys.forEach(key -> CachePortContract.fillOn(seeder, key, Presence.of(model(key.id().value(), "v" + key.id().value()))));
        }
    }
}
