package io.aside.application;

/**
 * How one run of the read protocol ended, and which readers sharing it may take its answer. A
 * reader that joined the run before {@code asOf} — when the cache lookup or the database query that
 * produced the answer was sent — asked before the answer was true, so it may take it. One that
 * joined later may have started after a write answered elsewhere, so it must ask again (cheaply: by
 * then the answer is usually cached). Answers read from the database while the cache could not be
 * used are shared more widely ({@link Source#FALLBACK}, see {@link ReadFlights}).
 */
record Outcome<V>(V value, Source source, long asOf, long settledAt) {
    enum Source {
        /** A hit (or a tombstone) in the cache. */
        CACHE,
        /** Loaded from the database under our lease, and now in the cache. */
        FILLED,
        /** Loaded from the database under our lease, not cached (the fill was refused, or not tried). */
        LOADED,
        /** Loaded from the database without the cache, which could not be used. */
        FALLBACK
    }

    /** Only a fallback needs to know when it settled: the other answers are measured from {@code asOf}. */
    static <V> Outcome<V> of(V value, Source source, long asOf) {
        return new Outcome<>(value, source, asOf, source == Source.FALLBACK ? System.nanoTime() : asOf);
    }

    /**
     * Whether a reader that joined at {@code joinedAt} (System.nanoTime) may take this answer: if it
     * joined before the answer was read; for a {@link Source#FALLBACK}, if it joined while the read
     * ran or within {@code fallbackWindowNanos} of its start.
     */
    boolean serves(long joinedAt, long fallbackWindowNanos) {
        if (source != Source.FALLBACK) return joinedAt - asOf <= 0;
        return joinedAt - settledAt <= 0 || joinedAt - (asOf + fallbackWindowNanos) <= 0;
    }

    /** What the reader who ran the protocol reports: a hit only if the cache answered it. */
    Read<V> forRunner() {
        return new Read<>(value, source == Source.CACHE);
    }

    /** What a reader who shared the run reports: no database load was made for it, and if the answer is cached, it was a hit. */
    Read<V> forSharer() {
        return new Read<>(value, source == Source.CACHE || source == Source.FILLED);
    }
}
