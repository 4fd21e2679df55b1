package io.aside.domain.port;

/** The cache could not be reached, did not answer in time, or is shed by its circuit breaker. */
public final class CacheUnavailableException extends RuntimeException {
    private final boolean shed;

    public CacheUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private CacheUnavailableException(String message, Throwable cause, boolean shed) {
        super(message, cause);
        this.shed = shed;
    }

    /** The call was not even made: a circuit breaker is shedding calls to a cache that keeps failing. */
    public static CacheUnavailableException shed(String message, Throwable cause) {
        return new CacheUnavailableException(message, cause, true);
    }

    /** True when the cache was never asked, so asking again at once is pointless. */
    public boolean shed() {
        return shed;
    }
}
