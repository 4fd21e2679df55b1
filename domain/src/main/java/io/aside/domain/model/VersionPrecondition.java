package io.aside.domain.model;

/**
 * What a conditional write requires of the stored version: nothing ({@link Any}), or that it is
 * exactly the one the client last saw ({@link Exactly}), as an If-Match does.
 */
public sealed interface VersionPrecondition {
    static VersionPrecondition any() {
        return new Any();
    }

    static VersionPrecondition exactly(long version) {
        return new Exactly(version);
    }

    /**
     * The version the write must find where {@code stored} is: the one required, or, for any version,
     * the stored one itself. A store checks and writes against it alike, whichever precondition it got.
     */
    long expectedGiven(long stored);

    /** Unconditional: whatever version is stored. */
    record Any() implements VersionPrecondition {
        @Override
        public long expectedGiven(long stored) {
            return stored;
        }
    }

    /** Only if the stored version is still {@code version}. */
    record Exactly(long version) implements VersionPrecondition {
        public Exactly {
            if (version < 1) throw ValidationException.of("version", "must be a positive integer");
        }

        @Override
        public long expectedGiven(long stored) {
            return version;
        }
    }
}
