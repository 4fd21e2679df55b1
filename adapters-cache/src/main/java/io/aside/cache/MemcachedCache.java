package io.aside.cache;

import io.aside.cache.EntryCodec.UndecodableValueException;
import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.PageKey;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CachePort} on one or more memcached servers (DESIGN §3.5), in memcached 1.6's meta protocol.
 * What a key holds is told by its first byte ({@code v} value, {@code t} tombstone, {@code l} lease
 * and its token), as on Redis. memcached runs no scripts, so each step is a compare-and-swap instead:
 * <ul>
 *   <li>lookup: {@code mg} the entry; on a miss, {@code ms … ME} (add) our lease marker: one adder wins;
 *       an entry of an earlier generation is replaced by {@code ms … C<cas>} instead;</li>
 *   <li>fill, extend: {@code mg} with its CAS value, then {@code ms … C<cas>} only if the entry is our lease;</li>
 *   <li>release: {@code md … C<cas>} likewise; invalidate: {@code md}, which takes any lease with the entry;</li>
 *   <li>generations: {@code ma … N0 J<clock>}, a counter that starts from the clock in microseconds when
 *       it is missing (a restart, an eviction), so it never comes back to a number an old page was filed under.</li>
 * </ul>
 * A page is one key per category and limit, whose entry starts with the generation it was filed in
 * ({@code <generation>|<entry>}); an entry of another generation than the category's current one is
 * absent. A category's generation and its pages live on one server ({@link #placement}), like a hash
 * tag on a Redis Cluster, so a page's lookup sends the generation's read and the page's together:
 * one round trip, as for a model. Keys spread over the servers by ketama and stay on their server while it is down: its
 * share of reads fails open to the database, the rest stay cached. A key moves only when the list of
 * servers changes; an invalidation therefore also deletes its keys, best effort, on every other server,
 * so that a key that moved and comes back later finds no copy older than the last write.
 * <p>A restarted memcached is empty, which is safe; so no life tag is needed, unlike Redis's snapshots.
 */
public final class MemcachedCache implements CachePort, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MemcachedCache.class);
    private static final String EVERY_SERVER = "every server";

    private final MemcachedSettings settings;
    private final List<MemcachedNode> nodes;
    private final KetamaRing<MemcachedNode> ring;
    private final RedisKeys keys;
    private final EntryCodecs codecs = new EntryCodecs();

    /** Never fails because a server is down: a server that is down fails calls (fail open), not startup. */
    public MemcachedCache(MemcachedSettings settings) {
        this.settings = settings;
        this.nodes = settings.servers().stream().map(server -> new MemcachedNode(server, settings.connectTimeout())).toList();
        this.ring = new KetamaRing<>(nodes, node -> node.server().toString());
        this.keys = new RedisKeys(settings.namespace());
    }

    @Override
    public <V> Lookup<V> lookup(CacheKey<V> key, LeaseRequest request) {
        long leaseSeconds = Durations.seconds(request.ttl(), "lease TTL");
        EntryCodec<V> codec = codecs.of(key.kind());
        return nodeOf(key).call("lookup", settings.commandTimeout(), connection -> {
            for (boolean repaired = false; ; repaired = true) {
                Entry found = find(connection, key);
                if (found.content() != null) {
                    try {
                        return read(found, key, request.token(), codec);
                    } catch (UndecodableValueException e) {
                        if (repaired) throw new CacheUnavailableException("memcached holds an undecodable value under " + found.key(), e);
                        // Not what we wrote (corruption, a hand-made key): drop exactly those bytes, then look again.
                        log.warn("Discarding undecodable cache value under {}", found.key(), e);
                        connection.send("md " + found.key() + " C" + found.cas());
                        connection.receive();
                        continue;
                    }
                }
                byte[] lease = found.stamped(StoredValue.LEASE + request.token());
                connection.send("ms " + found.key() + " " + lease.length + " T" + leaseSeconds + (found.cas() == Entry.ABSENT ? " ME" : " C" + found.cas()), lease);
                // Not stored: another reader took the key between our read and our write, and holds its lease.
                return connection.receive().is("HD") ? new Lookup.Leased<>(new Lease<>(key, request.token(), found.generation())) : new Lookup.Busy<>();
            }
        });
    }

    /**
     * What a key holds, as a lookup needs it: its content when it is of the current generation (a
     * model's always is), else null; and the CAS value to replace it by, or {@link #ABSENT}.
     */
    private record Entry(String key, boolean page, long generation, String content, long cas) {
        static final long ABSENT = -1;

        /** {@code content} as this key stores it: a page's prefixed with its generation. */
        byte[] stamped(String content) {
            return (page ? generation + PAGE_GENERATION_END + content : content).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A model's entry has no generation. */
    private static final long NO_GENERATION = 0;
    private static final String PAGE_GENERATION_END = "|";

    /** Reads {@code key}'s entry; a page's together with its category's current generation, in one round trip. */
    private Entry find(MemcachedConnection connection, CacheKey<?> key) throws IOException {
        if (key instanceof PageKey page) {
            connection.send("ma " + keys.generation(page.category()) + " N0 J" + clockMicros() + " D0 v");
            String entry = pageKey(page);
            connection.send("mg " + entry + " v c");
            long generation = generationIn(connection.receive());
            MemcachedReply found = connection.receive();
            if (!found.is("VA")) return new Entry(entry, true, generation, null, Entry.ABSENT);
            return new Entry(entry, true, generation, contentOf(found.text(), generation), found.cas());
        }
        String model = keys.model((ModelKey) key);
        connection.send("mg " + model + " v c");
        MemcachedReply found = connection.receive();
        return found.is("VA") ? new Entry(model, false, NO_GENERATION, found.text(), found.cas())
                : new Entry(model, false, NO_GENERATION, null, Entry.ABSENT);
    }

    /** A page entry's content if it was filed in {@code generation}; null for another generation (or bytes that name none). */
    private static String contentOf(String stored, long generation) {
        int end = stored.indexOf(PAGE_GENERATION_END);
        return end > 0 && stored.substring(0, end).equals(Long.toString(generation)) ? stored.substring(end + 1) : null;
    }

    private static long generationIn(MemcachedReply reply) throws IOException {
        if (!reply.is("VA")) throw new IOException("unexpected reply " + reply + " to a generation read");
        try {
            return Long.parseLong(reply.text());
        } catch (NumberFormatException e) {
            throw new IOException("a generation that is not a number: " + reply.text(), e);
        }
    }

    private static <V> Lookup<V> read(Entry found, CacheKey<V> key, String ourToken, EntryCodec<V> codec) {
        String stored = found.content();
        char tag = stored.isEmpty() ? '?' : stored.charAt(0);
        if (tag != StoredValue.LEASE) return new Lookup.Hit<>(codec.decode(tag, stored.substring(Math.min(1, stored.length()))));
        return stored.substring(1).equals(ourToken) ? new Lookup.Leased<>(new Lease<>(key, ourToken, found.generation())) : new Lookup.Busy<>();
    }

    @Override
    public <V> boolean fill(Lease<V> lease, V value, Duration ttl) {
        long seconds = Durations.seconds(ttl, "TTL");
        EntryCodec.Encoded encoded = codecs.of(lease.key().kind()).encode(value);
        String stored = encoded.tag() + encoded.body();
        return nodeOf(lease.key()).call("fill", settings.commandTimeout(), connection -> replaceOurLease(connection, lease, stored, seconds));
    }

    @Override
    public boolean extend(Lease<?> lease, Duration ttl) {
        long seconds = Durations.seconds(ttl, "lease TTL");
        return nodeOf(lease.key()).call("extend", settings.commandTimeout(),
                connection -> replaceOurLease(connection, lease, StoredValue.LEASE + lease.token(), seconds));
    }

    /**
     * Stores {@code content} under the lease's entry for {@code seconds}, but only while our lease holds
     * the entry (a compare-and-swap on the CAS value read with it: an invalidation in between deleted it)
     * and, for a page, while its category is still in the lease's generation.
     */
    private boolean replaceOurLease(MemcachedConnection connection, Lease<?> lease, String content, long seconds) throws IOException {
        boolean page = lease.key() instanceof PageKey;
        Entry ours = new Entry(entryKey(lease.key()), page, lease.generation(), null, Entry.ABSENT);
        if (page) connection.send("mg " + generationKey(lease.key()) + " v");
        connection.send("mg " + ours.key() + " v c");
        boolean sameGeneration = !page || isNumber(connection.receive(), lease.generation());
        MemcachedReply current = connection.receive();
        if (!sameGeneration || !current.is("VA") || !Arrays.equals(current.data(), ours.stamped(StoredValue.LEASE + lease.token()))) return false;
        byte[] stored = ours.stamped(content);
        connection.send("ms " + ours.key() + " " + stored.length + " T" + seconds + " C" + current.cas(), stored);
        try {
            return connection.receive().is("HD");
        } catch (MemcachedReply.TooLarge e) {
            // A page of large models can pass memcached's item size (1 MiB by default): it stays uncached,
            // and our lease is given back so that readers load it themselves instead of waiting for us.
            log.debug("{} is too large for memcached; served uncached", ours.key());
            connection.send("md " + ours.key() + " C" + current.cas());
            connection.receive();
            return false;
        }
    }

    /** Deletes our lease, of whichever generation for a page: a lease of an earlier one blocks nobody, but is ours to give back. */
    @Override
    public void release(CacheKey<?> key, String token) {
        nodeOf(key).call("release", settings.commandTimeout(), connection -> {
            String entry = entryKey(key);
            connection.send("mg " + entry + " v c");
            MemcachedReply current = connection.receive();
            if (current.is("VA") && isOurLease(current.text(), key instanceof PageKey, token)) {
                connection.send("md " + entry + " C" + current.cas());
                connection.receive();
            }
            return null;
        });
    }

    private static boolean isOurLease(String stored, boolean page, String token) {
        String lease = StoredValue.LEASE + token;
        return page ? stored.endsWith(PAGE_GENERATION_END + lease) : stored.equals(lease);
    }

    @Override
    public void invalidate(Invalidation invalidation) {
        invalidate(invalidation, settings.commandTimeout());
    }

    @Override
    public void invalidatePatiently(Invalidation invalidation) {
        invalidate(invalidation, settings.writeTimeout());
    }

    /**
     * Deletes the models' entries and bumps the categories' generations on the servers that hold them
     * (every part is tried; the first failure is thrown), then deletes the same keys on the other servers.
     */
    private void invalidate(Invalidation invalidation, Duration timeout) {
        if (invalidation.isEmpty()) return;
        CacheUnavailableException failed = null;
        for (Map.Entry<MemcachedNode, Invalidation> part : byServer(invalidation).entrySet()) {
            try {
                part.getKey().call("invalidate", timeout, connection -> deleteAndBump(connection, part.getValue()));
            } catch (CacheUnavailableException e) {
                if (failed == null) failed = e;
            }
        }
        deleteCopiesElsewhere(invalidation, timeout);
        if (failed != null) throw failed;
    }

    /** Deletes the models' entries (and any lease in them) and moves each category to its next generation. */
    private Void deleteAndBump(MemcachedConnection connection, Invalidation part) throws IOException {
        for (ModelId id : part.models()) connection.send("md " + keys.model(new ModelKey(id)));
        for (Category category : part.categories()) connection.send("ma " + keys.generation(category) + " N0 J" + clockMicros() + " v");
        for (int i = 0; i < part.models().size() + part.categories().size(); i++) {
            MemcachedReply reply = connection.receive();
            if (!reply.is("HD") && !reply.is("NF") && !reply.is("VA")) throw new IOException("unexpected reply " + reply + " to an invalidation");
        }
        return null;
    }

    /**
     * Best effort: a server that held these keys under an earlier list of servers keeps its copies; if
     * the list changes back, they would be read again. A server that failed lately is skipped, so that a
     * down server does not cost every write a timeout; its copies are the one gap (README, memcached).
     */
    private void deleteCopiesElsewhere(Invalidation invalidation, Duration timeout) {
        if (nodes.size() == 1) return;
        List<String> touched = Stream.concat(
                invalidation.models().stream().map(id -> keys.model(new ModelKey(id))),
                invalidation.categories().stream().map(keys::generation)).toList();
        for (MemcachedNode node : nodes) {
            if (node.failedLately()) continue;
            List<String> elsewhere = touched.stream().filter(key -> ring.serverFor(key) != node).toList();
            if (elsewhere.isEmpty()) continue;
            try {
                node.call("invalidate elsewhere", timeout, connection -> {
                    for (String key : elsewhere) connection.send("md " + key);
                    for (int i = 0; i < elsewhere.size(); i++) connection.receive();
                    return null;
                });
            } catch (CacheUnavailableException e) {
                log.debug("memcached {} missed the deletion of copies from an earlier server list: {}", node, e.getMessage());
            }
        }
    }

    /** Asks every server; throws for the first that does not answer, after asking all. */
    @Override
    public void ping() {
        CacheUnavailableException failed = null;
        for (MemcachedNode node : nodes) {
            try {
                node.call("ping", settings.commandTimeout(), connection -> {
                    connection.send("mn");
                    if (!connection.receive().is("MN")) throw new IOException("unexpected reply to mn");
                    return null;
                });
            } catch (CacheUnavailableException e) {
                if (failed == null) failed = e;
            }
        }
        if (failed != null) throw failed;
    }

    /** The servers as shards, for a breaker each: a down server sheds only the calls for its keys. */
    public CacheShards shards() {
        return new CacheShards() {
            @Override
            public Object shardOf(CacheKey<?> key) {
                return nodeOf(key);
            }

            @Override
            public Map<Object, Invalidation> split(Invalidation invalidation) {
                return new LinkedHashMap<>(byServer(invalidation));
            }

            @Override
            public Object everyServer() {
                return EVERY_SERVER;
            }
        };
    }

    /** Which server holds {@code key}'s entry, as {@code host:port}. */
    public String serverOf(CacheKey<?> key) {
        return nodeOf(key).server().toString();
    }

    @Override
    public void close() {
        nodes.forEach(MemcachedNode::close);
    }

    private Map<MemcachedNode, Invalidation> byServer(Invalidation invalidation) {
        return invalidation.splitBy(id -> nodeOf(new ModelKey(id)), category -> ring.serverFor(keys.generation(category)));
    }

    private MemcachedNode nodeOf(CacheKey<?> key) {
        return ring.serverFor(placement(key));
    }

    /** What ketama hashes for a key: a model's own key; for a page, its category's generation key, so both share a server. */
    private String placement(CacheKey<?> key) {
        return key.match(keys::model, page -> keys.generation(page.category()));
    }

    /** A model's key, or a page's: one key per category and limit, whatever the generation. */
    private String entryKey(CacheKey<?> key) {
        return key.match(keys::model, this::pageKey);
    }

    private String pageKey(PageKey page) {
        return keys.pageOfAnyGeneration(page);
    }

    private String generationKey(CacheKey<?> key) {
        return keys.generation(((PageKey) key).category());
    }



    private static boolean isNumber(MemcachedReply reply, long expected) {
        return reply.is("VA") && reply.text().equals(Long.toString(expected));
    }


    /** Where a generation starts: the clock in microseconds, above any number an earlier counter reached before it was lost. */
    private static long clockMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
