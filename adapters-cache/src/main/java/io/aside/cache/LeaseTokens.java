package io.aside.cache;

import java.util.UUID;

/** Lease tokens: unique across every service instance sharing a cache, which is all they need to be. */
final class LeaseTokens {
    private LeaseTokens() {}

    static String next() {
        return UUID.randomUUID().toString();
    }
}
