package io.aside.application;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lease tokens: unique across every service instance sharing a cache, which is all they need to be.
 * A random prefix per process plus a counter: a {@code UUID.randomUUID()} (SecureRandom) per read
 * would cost more than the rest of an in-process hit.
 */
final class LeaseTokens {
    private static final String PROCESS = UUID.randomUUID().toString().substring(0, 18);
    private static final AtomicLong COUNTER = new AtomicLong();

    private LeaseTokens() {}

    static String next() {
        return PROCESS + "-" + Long.toString(COUNTER.incrementAndGet(), 36);
    }
}
