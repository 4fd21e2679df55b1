package io.aside.cache;

/**
 * What a Redis key holds: a one-byte tag, the tag of the server life it was written in
 * ({@link RedisEpoch}), then a payload. One GET (inside the lookup script) answers whether the key
 * is a value, a tombstone or a lease, and whether it belongs to the current life.
 * <pre>
 *   value      v &lt;life&gt; &lt;json&gt;
 *   tombstone  t &lt;life&gt;
 *   lease      l &lt;life&gt; &lt;token&gt;
 * </pre>
 * Aside's first format had no life tag ({@code v{json}}): a rolling deploy meets such entries, and
 * treats them as absent, as the older version treats these as undecodable.
 */
final class StoredValue {
    static final char VALUE = 'v';
    static final char TOMBSTONE = 't';
    static final char LEASE = 'l';

    private static final int PAYLOAD = 1 + RedisEpoch.TAG_LENGTH;

    private StoredValue() {}

    static char tag(String stored) {
        return stored.isEmpty() ? '?' : stored.charAt(0);
    }

    /** The payload after the tags: JSON for a value, the token for a lease. */
    static String payload(String stored) {
        return stored.length() < PAYLOAD ? "" : stored.substring(PAYLOAD);
    }
}
