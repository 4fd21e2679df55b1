package io.aside.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * Argument checks that every ring needs alike. They live in {@code domain} because it depends on
 * nothing and every module depends on it: one definition, and one wording of the refusal, for the
 * records of the application, the adapters and the configuration.
 */
public final class Checks {
    private Checks() {}

    /** {@code value} when it is longer than zero; names {@code what} when it is not. */
    public static Duration requirePositive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) throw new IllegalArgumentException(what + " must be positive, got " + value);
        return value;
    }
}
