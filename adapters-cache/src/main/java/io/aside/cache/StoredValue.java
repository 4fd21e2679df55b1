package io.aside.cache;

/**
 * What a Redis key holds, told apart by a one-byte tag, so that one GET (inside the lookup script)
 * answers whether the key is a value, a tombstone or a lease.
 */
final class StoredValue {
    static final char VALUE = 'v';
    static final char TOMBSTONE = 't';
    static final char LEASE = 'l';

    static final String TOMBSTONE_MARKER = String.valueOf(TOMBSTONE);

    private StoredValue() {}

    static String value(String json) {
        return VALUE + json;
    }

    static String lease(String token) {
        return LEASE + token;
    }

    static char tag(String stored) {
        return stored.isEmpty() ? '?' : stored.charAt(0);
    }

    /** The payload after the tag: JSON for a value, the token for a lease. */
    static String body(String stored) {
        return stored.substring(1);
    }
}
