package io.aside.cache;

import io.aside.domain.Checks;
import java.time.Duration;

/** TTL checks shared by the implementations, so both refuse the same arguments. */
final class Durations {
    /** Far beyond any sensible TTL; keeps nanosecond arithmetic from overflowing. */
    private static final Duration LONGEST = Duration.ofDays(3650);

    private Durations() {}

    /** A positive TTL ({@link Checks}), at most {@link #LONGEST}. */
    static Duration requirePositive(Duration ttl, String what) {
        return Checks.requirePositive(ttl, what).compareTo(LONGEST) > 0 ? LONGEST : ttl;
    }

    /** Whole milliseconds for Redis's PX, rounding a sub-millisecond TTL up rather than to 0 (an error). */
    static String millis(Duration ttl, String what) {
        return Long.toString(Math.max(1, requirePositive(ttl, what).toMillis()));
    }

    /** memcached reads a TTL past 30 days as a Unix time instead of seconds from now. */
    private static final long LONGEST_RELATIVE_SECONDS = 30L * 24 * 3600;

    /**
     * Whole seconds for memcached's {@code T} flag (its clock ticks in seconds), rounding up so that a
     * lease is never shorter than asked; past 30 days, the Unix time it ends at, as memcached expects.
     */
    static long seconds(Duration ttl, String what) {
        Duration checked = requirePositive(ttl, what);
        long seconds = Math.max(1, checked.toSeconds() + (checked.getNano() > 0 ? 1 : 0));
        return seconds <= LONGEST_RELATIVE_SECONDS ? seconds : System.currentTimeMillis() / 1000 + seconds;
    }
}
