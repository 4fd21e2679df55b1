package io.aside.cache;

import io.aside.domain.port.CachePort;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@link CacheOutageContract} on a Redis client. */
class RedisCacheFailureTest extends CacheOutageContract {
    @Override
    CachePort open(int port) {
        return new RedisCache(RedisSettings.fromUrl("redis://127.0.0.1:" + port).withNamespace("aside-failure"));
    }

    @Override
    CacheShards shards(CachePort cache) {
        return ((RedisCache) cache).shards();
    }

    @Override
    void close(CachePort cache) {
        ((RedisCache) cache).close();
    }

    @Test
    void givenRedisDown_whenConstructed_thenNoFailureUntilUsed() throws IOException {
        close(open(closedPort()));
    }
}
