package io.aside.cache;

import static io.aside.cache.CachePortContract.request;
import static io.aside.domain.model.ModelFixtures.aModel;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import io.aside.testing.RedisServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a dedicated Redis into {@code maxmemory} with {@code noeviction}, the state in which it
 * refuses every write that would allocate: a limit a little above what it uses now, filler entries
 * through the cache itself until Redis refuses one, then the limit pinned well below what it uses,
 * so that it stays full while a test runs: Redis shrinks idle clients' buffers by tens of kB now
 * and then, and an invalidation frees a few keys, either of which would otherwise bring it back
 * under a limit it only just crossed.
 */
final class MemoryPressure {
    /** Room for some dozens of filler entries above what the server used when limited. */
    static final long HEADROOM_BYTES = 256 * 1024;
    /** How far below its use a full server is pinned: far more than buffers or a test ever free. */
    static final long PINNED_BELOW_BYTES = 512 * 1024;
    /** Filler ids, far from the ids tests use. */
    private static final AtomicLong FILLER_IDS = new AtomicLong(1_000_000);
    private static final String KILOBYTE = "x".repeat(1000);

    private final RedisServer server;

    MemoryPressure(RedisServer server) {
        this.server = server;
    }

    /** Lets the server use memory freely again, and empties it: each test starts from a clean server. */
    void lift() {
        server.command("CONFIG", "SET", "maxmemory", "0");
        server.command("FLUSHALL");
    }

    /** Fills the server through {@code cache} until it refuses writes, and keeps it refusing. */
    void exhaust(CachePort cache) {
        limitAboveCurrentUse();
        fillUntilRefused(cache);
        server.command("CONFIG", "SET", "maxmemory", Long.toString(Math.max(1024, usedMemory() - PINNED_BELOW_BYTES)));
    }

    /** Limits the server to a little above what it uses now, and makes it refuse writes beyond that. */
    void limitAboveCurrentUse() {
        server.command("CONFIG", "SET", "maxmemory-policy", "noeviction");
        server.command("CONFIG", "SET", "maxmemory", Long.toString(usedMemory() + HEADROOM_BYTES));
    }

    /** Fills new keys through {@code cache} until Redis refuses to take a lease or store a value. */
    void fillUntilRefused(CachePort cache) {
        for (int i = 0; i < 10_000; i++) {
            ModelKey key = new ModelKey(new ModelId(FILLER_IDS.incrementAndGet()));
            Lookup<Presence<Model>> lookup = cache.lookup(key, request(Duration.ofSeconds(30)));
            if (lookup instanceof Lookup.Uncached) return;
            assertThat(lookup).as("a filler key is new").isInstanceOf(Lookup.Leased.class);
            if (!cache.fill(((Lookup.Leased<Presence<Model>>) lookup).lease(), Presence.of(filler(key)), Duration.ofMinutes(10))) return;
        }
        throw new AssertionError("Redis still took writes after 10 000 fillers: is maxmemory set? used_memory=" + usedMemory());
    }

    /** Whether Redis is above its limit right now: a new key can then not even be leased. */
    boolean refusesWrites(CachePort cache) {
        ModelKey probe = new ModelKey(new ModelId(FILLER_IDS.incrementAndGet()));
        return cache.lookup(probe, request(Duration.ofSeconds(30))) instanceof Lookup.Uncached;
    }

    long usedMemory() {
        return Long.parseLong(info("memory", "used_memory"));
    }

    private String info(String section, String field) {
        return server.command("INFO", section).lines()
                .filter(line -> line.startsWith(field + ":"))
                .map(line -> line.substring(field.length() + 1).strip())
                .findFirst().orElseThrow(() -> new AssertionError("INFO " + section + " has no " + field));
    }

    /** About 4 kB of JSON. */
    private static Model filler(ModelKey key) {
        return aModel().id(key.id().value()).name("filler").category("filler")
                .attributes(Map.of("a", KILOBYTE, "b", KILOBYTE, "c", KILOBYTE, "d", KILOBYTE)).build();
    }
}
