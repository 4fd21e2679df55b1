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
}
