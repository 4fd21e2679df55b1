package io.aside.cache;

import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.PageKey;
import io.aside.domain.model.Category;
import io.aside.testing.RedisServer;
import java.time.Duration;

/**
 * One test's key namespace on a Redis server: the settings for a cache there, and the entries it
 * stores there, read or planted past the adapter. Holds the server's life when the test began:
 * the tag entries are written with, and what a restart must change.
 */
final class RedisNamespace {
    private final RedisServer server;
    private final String name;
    private final RedisKeys keys;
    private final String life;

    private RedisNamespace(RedisServer server) {
        this.server = server;
        this.name = server.freshNamespace();
        this.keys = new RedisKeys(name);
        this.life = StoredFormat.lifeOf(server);
    }

    /** A namespace no other test uses. */
    static RedisNamespace fresh(RedisServer server) {
        return new RedisNamespace(server);
    }

    /** The server's life when this namespace was taken ({@link StoredFormat#lifeOf}). */
    String life() {
        return life;
    }

    /** {@link TestRedis#defaults}: the production timeouts. */
    RedisSettings defaults() {
        return TestRedis.defaults(server, name);
    }

    /** {@link TestRedis#unhurried}: for tests about what Redis answers rather than when. */
    RedisSettings unhurried() {
        return TestRedis.unhurried(server, name);
    }

    /** The bytes Redis holds for {@code key}, or null. */
    String stored(ModelKey key) {
        return server.command("GET", keys.model(key));
    }

    /** The bytes Redis holds for {@code page} in {@code generation}, or null. */
    String stored(PageKey page, long generation) {
        return server.command("GET", keys.page(page).page(generation));
    }

    /** The generation Redis holds for {@code category}, read past the adapter (which may be unable to lease a probe). */
    long generation(Category category) {
        return Long.parseLong(storedGeneration(category));
    }

    /** The generation Redis holds for {@code category}, or null. */
    String storedGeneration(Category category) {
        return server.command("GET", keys.generation(category));
    }

    /** Writes {@code bytes} under {@code key} as another writer would, expiring after {@code ttl}. */
    void plant(ModelKey key, String bytes, Duration ttl) {
        plant(keys.model(key), bytes, ttl);
    }

    /** Writes {@code bytes} under {@code page} in {@code generation} as another writer would. */
    void plant(PageKey page, long generation, String bytes, Duration ttl) {
        plant(keys.page(page).page(generation), bytes, ttl);
    }

    private void plant(String key, String bytes, Duration ttl) {
        server.command("SET", key, bytes, "PX", Long.toString(ttl.toMillis()));
    }
}
