package io.aside.cache;

import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.PageKey;
import io.aside.domain.model.Category;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The whole Redis key layout. The schema version ({@code v1}) is part of every key so that a deploy
 * that changes the cached shape reads none of the old bytes: bump it together with {@link EntryCodecs}.
 * <pre>
 *   &lt;ns&gt;:v1:model:42                                   a model, a tombstone, or a lease on either
 *   &lt;ns&gt;:v1:gen:&lt;category fingerprint&gt;                  a category's current page generation
 *   &lt;ns&gt;:v1:page:&lt;fingerprint&gt;:&lt;generation&gt;:&lt;limit&gt;    a page, filed under a generation
 *   &lt;ns&gt;:v1:life:&lt;life tag&gt;                           when clients first met a life of the server ({@link RedisEpoch})
 *   &lt;ns&gt;:v1:near:seq                                  the sequence number of the last announced invalidation (near cache)
 *   &lt;ns&gt;:v1:near:members                              instances serving a near cache, scored by when their lease runs out
 *   &lt;ns&gt;:v1:near:invalidations, …:near:acks            the channels invalidations and acknowledgements travel on
 * </pre>
 * Categories are user text (spaces, colons, emoji): keys name them by a fixed-size fingerprint.
 *
 * <p>On a Redis Cluster every script must touch keys of one hash slot (DESIGN §3.4), so the keys a
 * script shares carry a hash tag: a category's generation and pages {@code {<fingerprint>}}, the
 * near cache's keys and channels {@code {<ns>}}. A model's entry is one key (its lease lives in
 * it) and needs none. One server keeps the untagged names, so a rolling deploy meets the keys the
 * running instances use.
 * <pre>
 *   &lt;ns&gt;:v1:gen:{&lt;fingerprint&gt;}                      a category's generation, and
 *   &lt;ns&gt;:v1:gen:{&lt;fingerprint&gt;}:life:&lt;life tag&gt;       its floor in a node's life (the node's own, not a client's)
 *   &lt;ns&gt;:v1:page:{&lt;fingerprint&gt;}:&lt;generation&gt;:&lt;limit&gt;  a page
 *   &lt;ns&gt;:v1:near:{&lt;ns&gt;}:seq, …:members, …:invalidations, …:acks
 * </pre>
 */
final class RedisKeys {
    static final String SCHEMA = "v1";

    private final String prefix;
    private final String tagOpen;
    private final String tagClose;
    private final String near;

    /** The keys on one Redis server. */
    RedisKeys(String namespace) {
        this(namespace, false);
    }

    /** @param hashTagged whether keys one script touches together must share a hash slot (a cluster) */
    RedisKeys(String namespace, boolean hashTagged) {
        this.prefix = namespace + ":" + SCHEMA + ":";
        this.tagOpen = hashTagged ? "{" : "";
        this.tagClose = hashTagged ? "}" : "";
        this.near = prefix + "near:" + (hashTagged ? "{" + namespace + "}:" : "");
    }

    String model(ModelKey key) {
        return prefix + "model:" + key.id().value();
    }

    String generation(Category category) {
        return prefix + "gen:" + tagOpen + fingerprint(category) + tagClose;
    }

    /**
     * A page's keys: its category's generation key, and its own key around the generation it is
     * filed under (the lookup script completes it with the generation it reads). One fingerprint for all.
     */
    record PageLayout(String generation, String before, String after) {
        String page(long generation) {
            return before + generation + after;
        }
    }

    PageLayout page(PageKey key) {
        String fingerprint = fingerprint(key.category());
        String tagged = tagOpen + fingerprint + tagClose;
        return new PageLayout(prefix + "gen:" + tagged, prefix + "page:" + tagged + ":", ":" + key.limit());
    }

    /**
     * A page's key where the generation is not part of it (memcached: the entry names its generation,
     * so that the page is read in the same round trip as the generation).
     */
    String pageOfAnyGeneration(PageKey key) {
        return prefix + "page:" + tagOpen + fingerprint(key.category()) + tagClose + ":" + key.limit();
    }

    String life(String tag) {
        return prefix + "life:" + tag;
    }

    String nearSequence() {
        return near + "seq";
    }

    String nearMembers() {
        return near + "members";
    }

    String nearInvalidations() {
        return near + "invalidations";
    }

    String nearAcknowledgements() {
        return near + "acks";
    }

    /** The first 128 bits of the category's SHA-256, in hex. */
    static String fingerprint(Category category) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(category.value().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
