package io.aside.bootstrap.cluster;

import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.RedisCacheConfig;
import io.aside.cache.RedisCache;
import io.aside.cache.RedisSettings;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.ModelRepository;
import java.time.Duration;
import java.util.UUID;

/**
 * Caches models in the cluster the way a reader on a third instance would (lease, then fill with
 * the row), so that they are in Redis but in neither instance's near cache: the instances' next
 * reads of them ask Redis.
 */
final class RedisOnlyFill {
    private RedisOnlyFill() {}

    static void fill(AsideConfig config, ModelRepository database, Iterable<Long> ids) {
        RedisSettings settings = ((RedisCacheConfig) config.cache()).settings().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
        try (RedisCache cache = new RedisCache(settings)) {
            for (long id : ids) {
                ModelKey key = new ModelKey(new ModelId(id));
                Model row = database.findById(key.id()).orElseThrow();
                Lookup<Presence<Model>> lookup = cache.lookup(key, new LeaseRequest("third-instance-" + UUID.randomUUID(), Duration.ofSeconds(3)));
                if (!(lookup instanceof Lookup.Leased<Presence<Model>> leased)) throw new AssertionError("model " + id + " was cached already: " + lookup);
                if (!cache.fill(leased.lease(), Presence.of(row), Duration.ofHours(1))) throw new AssertionError("fill of model " + id + " refused");
            }
        }
    }
}
