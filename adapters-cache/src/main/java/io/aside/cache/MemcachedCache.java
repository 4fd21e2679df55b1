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
 *   <li>lookup: {@code mg} the entry; on a miss, {@code ms … ME} (add) our lease marker: one adder wins;</li>
 *   <li>fill, extend: {@code mg} with its CAS value, then {@code ms … C<cas>} only if the entry is our lease;</li>
 *   <li>release: {@code md … C<cas>} likewise; invalidate: {@code md}, which takes any lease with the entry;</li>
 *   <li>generations: {@code ma … N0 J<clock>}, a counter that starts from the clock in microseconds when
 *       it is missing (a restart, an eviction), so it never comes back to a number an old page was filed under.</li>
 * </ul>
 * A category's generation and its pages live on one server ({@link #placement}), like a hash tag on a
 * Redis Cluster. Keys spread over the servers by ketama and stay on their server while it is down: its
 * share of reads fails open to the database, the rest stay cached. A key moves only when the list of
 * servers changes; an invalidation therefore also deletes its keys, best effort, on every other server,
 * so that a key that moved and comes back later finds no copy older than the last write.
 * <p>A restarted memcached is empty, which is safe; so no life tag is needed, unlike Redis's snapshots.
 */
public final class MemcachedCache implements CachePort, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MemcachedCache.class);
    /** How often a lookup reads again after its add lost to a concurrent one (the key changed in between). */
    private static final int LOOKUP_ROUNDS = 3;
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
        byte[] lease = leaseMarker(request.token());
        return nodeOf(key).call("lookup", settings.commandTimeout(), connection -> {
            long generation = currentGeneration(connection, key);
            String entry = entryKey(key, generation);
            boolean repaired = false;
            for (int round = 0; round < LOOKUP_ROUNDS; round++) {
                connection.send("mg " + entry + " v c");
                MemcachedReply found = connection.receive();
                if (found.is("VA")) {
                    try {
                        return read(found, key, generation, request.token(), codec);
                    } catch (UndecodableValueException e) {
                        if (repaired) throw new CacheUnavailableException("memcached holds an undecodable value under " + entry, e);
                        // Not what we wrote (corruption, a hand-made key): drop exactly those bytes, then look again.
                        log.warn("Discarding undecodable cache value under {}", entry, e);
                        connection.send("md " + entry + " C" + found.cas());
                        connection.receive();
                        repaired = true;
                        continue;
                    }
                }
                connection.send("ms " + entry + " " + lease.length + " T" + leaseSeconds + " ME", lease);
                if (connection.receive().is("HD")) return new Lookup.Leased<>(new Lease<>(key, request.token(), generation));
            }
            return new Lookup.Busy<>(); // the key keeps changing under us: someone else is at work on it
        });
    }

    private static <V> Lookup<V> read(MemcachedReply found, CacheKey<V> key, long generation, String ourToken, EntryCodec<V> codec) {
        String stored = found.text();
        char tag = stored.isEmpty() ? '?' : stored.charAt(0);
        if (tag != StoredValue.LEASE) return new Lookup.Hit<>(codec.decode(tag, stored.substring(Math.min(1, stored.length()))));
        return stored.substring(1).equals(ourToken) ? new Lookup.Leased<>(new Lease<>(key, ourToken, generation)) : new Lookup.Busy<>();
    }

    @Override
    public <V> boolean fill(Lease<V> lease, V value, Duration ttl) {
        long seconds = Durations.seconds(ttl, "TTL");
        EntryCodec.Encoded encoded = codecs.of(lease.key().kind()).encode(value);
        byte[] stored = (encoded.tag() + encoded.body()).getBytes(StandardCharsets.UTF_8);
        return nodeOf(lease.key()).call("fill", settings.commandTimeout(), connection -> replaceOurLease(connection, lease, stored, seconds));
    }

    @Override
    public boolean extend(Lease<?> lease, Duration ttl) {
        long seconds = Durations.seconds(ttl, "lease TTL");
        byte[] marker = leaseMarker(lease.token());
        return nodeOf(lease.key()).call("extend", settings.commandTimeout(), connection -> replaceOurLease(connection, lease, marker, seconds));
    }

    /**
     * Stores {@code stored} under the lease's entry for {@code seconds}, but only while our lease holds
     * the entry (a compare-and-swap on the CAS value read with it: an invalidation in between deleted it)
     * and, for a page, while its category is still in the lease's generation.
     */
    private boolean replaceOurLease(MemcachedConnection connection, Lease<?> lease, byte[] stored, long seconds) throws IOException {
        String entry = entryKey(lease.key(), lease.generation());
        boolean page = lease.key() instanceof PageKey;
        if (page) connection.send("mg " + generationKey(lease.key()) + " v");
        connection.send("mg " + entry + " v c");
        boolean sameGeneration = !page || isNumber(connection.receive(), lease.generation());
        MemcachedReply current = connection.receive();
        if (!sameGeneration || !holdsLease(current, lease.token())) return false;
        connection.send("ms " + entry + " " + stored.length + " T" + seconds + " C" + current.cas(), stored);
        try {
            return connection.receive().is("HD");
        } catch (MemcachedReply.TooLarge e) {
            // A page of large models can pass memcached's item size (1 MiB by default): it stays uncached,
            // and our lease is given back so that readers load it themselves instead of waiting for us.
            log.debug("{} is too large for memcached; served uncached", entry);
            connection.send("md " + entry + " C" + current.cas());
            connection.receive();
            return false;
        }
    }

    @Override
    public void release(CacheKey<?> key, String token) {
        nodeOf(key).call("release", settings.commandTimeout(), connection -> {
            String entry;
            if (key instanceof PageKey) {
                connection.send("mg " + generationKey(key) + " v");
                MemcachedReply generation = connection.receive();
                if (!generation.is("VA")) return null; // no generation, no page of it: nothing of ours to give back
                entry = entryKey(key, Long.parseLong(generation.text()));
            } else {
                entry = entryKey(key, 0);
            }
            connection.send("mg " + entry + " v c");
            MemcachedReply current = connection.receive();
            if (holdsLease(current, token)) {
                connection.send("md " + entry + " C" + current.cas());
                connection.receive();
            }
            return null;
        });
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
        for (MemcachedNode node : nodes) {
            if (node.failedLately()) continue;
            List<String> elsewhere = Stream.concat(
                    invalidation.models().stream().map(id -> keys.model(new ModelKey(id))),
                    invalidation.categories().stream().map(keys::generation))
                    .filter(key -> ring.serverFor(key) != node).toList();
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
                return invalidation.splitBy(id -> nodeOf(new ModelKey(id)), category -> ring.serverFor(keys.generation(category)));
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

    private String generationKey(CacheKey<?> key) {
        return keys.generation(((PageKey) key).category());
    }

    private String entryKey(CacheKey<?> key, long generation) {
        return key.match(keys::model, page -> keys.page(page).page(generation));
    }

    /** A page's category's generation, started from the clock if it is missing; 0 for a model, which has none. */
    private long currentGeneration(MemcachedConnection connection, CacheKey<?> key) throws IOException {
        if (!(key instanceof PageKey)) return 0;
        connection.send("ma " + generationKey(key) + " N0 J" + clockMicros() + " D0 v");
        MemcachedReply generation = connection.receive();
        if (!generation.is("VA")) throw new IOException("unexpected reply " + generation + " to a generation read");
        return Long.parseLong(generation.text());
    }

    private static boolean isNumber(MemcachedReply reply, long expected) {
        return reply.is("VA") && reply.text().equals(Long.toString(expected));
    }

    private static boolean holdsLease(MemcachedReply reply, String token) {
        return reply.is("VA") && reply.text().equals(StoredValue.LEASE + token);
    }

    private static byte[] leaseMarker(String token) {
        return (StoredValue.LEASE + token).getBytes(StandardCharsets.UTF_8);
    }

    /** Where a generation starts: the clock in microseconds, above any number an earlier counter reached before it was lost. */
    private static long clockMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
