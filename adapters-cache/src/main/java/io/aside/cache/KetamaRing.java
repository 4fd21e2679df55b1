package io.aside.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Client-side consistent hashing as libmemcached's and spymemcached's ketama do it: each server is
 * 160 points on a 32-bit circle (40 MD5 digests of {@code host:port-i}, four points each), and a key
 * belongs to the first point at or after its own hash. Adding a server to n moves only about 1/(n+1)
 * of the keys, all of them to the new server; the same list of servers places every key the same way
 * in every client, in any order.
 */
final class KetamaRing<S> {
    private static final int DIGESTS_PER_SERVER = 40;

    private final long[] points;
    private final Object[] owners;

    /** @param name what ketama hashes for a server: its {@code host:port} */
    KetamaRing(List<S> servers, Function<S, String> name) {
        if (servers.isEmpty()) throw new IllegalArgumentException("a ring needs at least one server");
        int size = servers.size() * DIGESTS_PER_SERVER * 4;
        long[] packed = new long[size];
        int at = 0;
        for (int s = 0; s < servers.size(); s++) {
            for (int i = 0; i < DIGESTS_PER_SERVER; i++) {
                byte[] digest = md5(name.apply(servers.get(s)) + "-" + i);
                for (int part = 0; part < 4; part++) packed[at++] = (point(digest, part) << 16) | s; // sorted by point, then by server
            }
        }
        Arrays.sort(packed);
        this.points = new long[size];
        this.owners = new Object[size];
        for (int i = 0; i < size; i++) {
            points[i] = packed[i] >>> 16;
            owners[i] = servers.get((int) (packed[i] & 0xFFFF));
        }
    }

    /** The server that holds {@code key}. */
    @SuppressWarnings("unchecked") // owners holds only elements of the list it was made from
    S serverFor(String key) {
        long hash = point(md5(key), 0);
        int found = Arrays.binarySearch(points, hash);
        int index = found >= 0 ? found : -found - 1;
        return (S) owners[index == points.length ? 0 : index];
    }

    /** The unsigned little-endian 32-bit number in bytes {@code 4*part..4*part+3} of a digest. */
    private static long point(byte[] digest, int part) {
        return ((long) (digest[3 + part * 4] & 0xFF) << 24)
                | ((long) (digest[2 + part * 4] & 0xFF) << 16)
                | ((long) (digest[1 + part * 4] & 0xFF) << 8)
                | (digest[part * 4] & 0xFF);
    }

    private static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
