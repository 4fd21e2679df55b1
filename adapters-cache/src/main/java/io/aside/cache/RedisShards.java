package io.aside.cache;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The servers of a {@link RedisDeployment} as shards: the one server, or the masters of a cluster by slot. */
final class RedisShards implements CacheShards {
    private final RedisDeployment deployment;
    private final RedisEntryScripts scripts;

    RedisShards(RedisDeployment deployment, RedisEntryScripts scripts) {
        this.deployment = deployment;
        this.scripts = scripts;
    }

    @Override
    public Object shardOf(CacheKey<?> key) {
        return deployment.serverOf(scripts.entryKey(key));
    }

    @Override
    public Map<Object, Invalidation> split(Invalidation invalidation) {
        Map<Object, Set<ModelId>> models = new HashMap<>();
        Map<Object, Set<Category>> categories = new HashMap<>();
        invalidation.models().forEach(id -> models.computeIfAbsent(shardOf(new ModelKey(id)), server -> new HashSet<>()).add(id));
        invalidation.categories().forEach(category -> categories.computeIfAbsent(
                deployment.serverOf(deployment.keys().generation(category)), server -> new HashSet<>()).add(category));
        Set<Object> servers = new HashSet<>(models.keySet());
        servers.addAll(categories.keySet());
        Map<Object, Invalidation> parts = new HashMap<>();
        servers.forEach(server -> parts.put(server,
                new Invalidation(models.getOrDefault(server, Set.of()), categories.getOrDefault(server, Set.of()))));
        return parts;
    }

    @Override
    public Object everyServer() {
        return deployment.everyServer();
    }
}
