package io.aside.cache;

import io.aside.cache.EntryCodec.Encoded;
import io.aside.cache.RedisEpoch.Life;
import io.aside.cache.RedisKeys.PageLayout;
import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.PageKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import redis.clients.jedis.UnifiedJedis;

/**
 * Which script runs for each kind of entry, on which keys and with which arguments: a model is one
 * key; a page is filed under its category's current generation, which its lookup resolves and its
 * lease then names ({@link RedisKeys}, {@link CacheScripts}). Failures are the caller's to translate.
 */
final class RedisEntryScripts {
    /** What a lookup found under {@code key}, a page's key within {@code generation}. */
    record Stored(String key, long generation, String content) {}

    private final RedisKeys keys;
    private final ToIntFunction<String> slotOf;

    /** @param slotOf which hash slot a key is in: keys of one slot are invalidated by one script */
    RedisEntryScripts(RedisKeys keys, ToIntFunction<String> slotOf) {
        this.keys = keys;
        this.slotOf = slotOf;
    }

    Stored lookup(UnifiedJedis redis, CacheKey<?> key, Life life, String token, String ttlMillis) {
        return key.match(model -> lookupModel(redis, model, life, token, ttlMillis), page -> lookupPage(redis, page, life, token, ttlMillis));
    }

    /** The key whose slot a script on {@code key}'s entry runs in: a model's entry, a page's generation key. */
    String entryKey(CacheKey<?> key) {
        return key.match(keys::model, page -> keys.generation(page.category()));
    }

    /** Stores {@code encoded} under the lease's entry while the lease holds; 1 when stored. */
    Object fill(UnifiedJedis redis, Lease<?> lease, Encoded encoded, String ttlMillis) {
        LeaseScope scope = scope(lease);
        return CacheScripts.FILL.run(redis, scope.keys(), scope.args(lease.token(), String.valueOf(encoded.tag()), encoded.body(), ttlMillis));
    }

    /** 1 when the lease still held and now lives {@code ttlMillis} more. */
    Object extend(UnifiedJedis redis, Lease<?> lease, String ttlMillis) {
        LeaseScope scope = scope(lease);
        return CacheScripts.EXTEND.run(redis, scope.keys(), scope.args(lease.token(), ttlMillis));
    }

    Object release(UnifiedJedis redis, CacheKey<?> key, String token) {
        return key.match(
                model -> CacheScripts.RELEASE.run(redis, List.of(keys.model(model)), List.of(token)),
                page -> {
                    PageLayout layout = keys.page(page);
                    return CacheScripts.RELEASE_PAGE.run(redis, List.of(layout.generation()), List.of(token, layout.before(), layout.after()));
                });
    }

    /**
     * Deletes the models' entries and moves the categories to new generations: one script per hash
     * slot (one for a single server), each atomic. Every slot is tried even if one fails, so that a
     * cluster's healthy masters take their part while one is down; then the first failure is thrown
     * (the outbox delivers the whole invalidation again: deleting twice and bumping twice are harmless).
     */
    void invalidate(UnifiedJedis redis, Invalidation invalidation, Life life) {
        Map<Integer, Invalidation> bySlot = invalidation.splitBy(id -> slotOf.applyAsInt(keys.model(new ModelKey(id))),
                category -> slotOf.applyAsInt(keys.generation(category)));
        RuntimeException failed = null;
        for (Invalidation slot : bySlot.values()) {
            List<String> scriptKeys = new ArrayList<>();
            slot.models().forEach(id -> scriptKeys.add(keys.model(new ModelKey(id))));
            slot.categories().forEach(category -> scriptKeys.add(keys.generation(category)));
            try {
                CacheScripts.INVALIDATE.run(redis, scriptKeys, List.of(Integer.toString(slot.models().size()), life.floor()));
            } catch (RuntimeException e) {
                if (failed == null) failed = e; else failed.addSuppressed(e);
            }
        }
        if (failed != null) throw failed;
    }

    /** Deletes exactly {@code stored}'s bytes: what a lookup found there and could not read. */
    Object discard(UnifiedJedis redis, Stored stored) {
        return CacheScripts.DELETE_IF_HOLDS.run(redis, List.of(stored.key()), List.of(stored.content()));
    }

    private Stored lookupModel(UnifiedJedis redis, ModelKey model, Life life, String token, String ttlMillis) {
        String entry = keys.model(model);
        return new Stored(entry, 0, (String) CacheScripts.LOOKUP.run(redis, List.of(entry), List.of(life.tag(), token, ttlMillis)));
    }

    private Stored lookupPage(UnifiedJedis redis, PageKey page, Life life, String token, String ttlMillis) {
        PageLayout layout = keys.page(page);
        List<?> reply = (List<?>) CacheScripts.LOOKUP_PAGE.run(redis, List.of(layout.generation()),
                List.of(life.tag(), token, ttlMillis, life.floor(), layout.before(), layout.after()));
        long generation = Long.parseLong(reply.get(0).toString());
        return new Stored(layout.page(generation), generation, reply.get(1).toString());
    }

    /**
     * The keys a script on a lease's entry touches, and the arguments that end its argument list: a
     * page's lease acts only while its category is still in the lease's generation.
     */
    private record LeaseScope(List<String> keys, List<String> generation) {
        List<String> args(String... leading) {
            List<String> args = new ArrayList<>(List.of(leading));
            args.addAll(generation);
            return args;
        }
    }

    private LeaseScope scope(Lease<?> lease) {
        return lease.key().match(
                model -> new LeaseScope(List.of(keys.model(model)), List.of()),
                page -> {
                    PageLayout layout = keys.page(page);
                    return new LeaseScope(List.of(layout.page(lease.generation()), layout.generation()), List.of(Long.toString(lease.generation())));
                });
    }
}
