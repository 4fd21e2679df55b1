package io.aside.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One reply of the meta protocol: a status ({@code VA}, {@code HD}, {@code EN}, {@code NS}, {@code EX},
 * {@code NF}, {@code MN}), the flags the command asked for (e.g. {@code c} the CAS value), and for
 * {@code VA} the value's bytes.
 */
record MemcachedReply(String status, String[] words, byte[] data) {
    static MemcachedReply parse(String line) throws IOException {
        if (line.startsWith("SERVER_ERROR object too large")) throw new TooLarge(line);
        if (line.startsWith("SERVER_ERROR")) throw new ServerError(line);
        if (line.startsWith("CLIENT_ERROR") || line.equals("ERROR")) throw new IllegalStateException("memcached refused a command Aside built: " + line);
        String[] words = line.split(" ");
        if (words[0].length() != 2) throw new IOException("unexpected memcached reply '" + line + "'");
        return new MemcachedReply(words[0], words, null);
    }

    /** memcached could not do what it was asked (out of memory with eviction off, say): the cache is unusable for this call. */
    static class ServerError extends IOException {
        ServerError(String line) {
            super("memcached answered " + line);
        }
    }

    /** A value larger than the server's item size limit ({@code -I}): it was not stored, and the connection is still in step. */
    static final class TooLarge extends ServerError {
        TooLarge(String line) {
            super(line);
        }
    }

    boolean is(String expected) {
        return status.equals(expected);
    }

    /** The size of a {@code VA} reply's value. */
    int size() throws IOException {
        try {
            return Integer.parseInt(words[1]);
        } catch (RuntimeException e) {
            throw new IOException("a VA reply without a size: " + String.join(" ", words));
        }
    }

    MemcachedReply withData(byte[] value) {
        return new MemcachedReply(status, words, value);
    }

    /** The CAS value the command asked for with the {@code c} flag. */
    long cas() throws IOException {
        for (int i = 1; i < words.length; i++) {
            if (words[i].startsWith("c")) return Long.parseUnsignedLong(words[i].substring(1));
        }
        throw new IOException("a reply without the CAS value asked for: " + String.join(" ", words));
    }

    String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MemcachedReply that && status.equals(that.status) && Arrays.equals(words, that.words) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return status.hashCode();
    }

    @Override
    public String toString() {
        return String.join(" ", words);
    }
}
