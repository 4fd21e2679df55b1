package io.aside.cache;

/** How the values of one {@link io.aside.domain.cache.EntryKind} are stored: a one-byte tag and a body. */
interface EntryCodec<V> {
    /** What is stored after the tags ({@link StoredValue}). */
    record Encoded(char tag, String body) {}

    Encoded encode(V value);

    /** Decodes what {@link #encode} wrote; throws {@link UndecodableValueException} for anything else. */
    V decode(char tag, String body);

    /** Bytes under one of our keys that are not what we wrote (corruption, or a hand-made key). */
    final class UndecodableValueException extends RuntimeException {
        UndecodableValueException(Throwable cause) {
            super("cached value cannot be decoded", cause);
        }

        UndecodableValueException(String problem) {
            super("cached value cannot be decoded: " + problem);
        }
    }
}
