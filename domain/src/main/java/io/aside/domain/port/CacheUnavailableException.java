package io.aside.domain.port;

/** The cache could not be reached, did not answer in time, or is shed by its circuit breaker. */
public final class CacheUnavailableException extends RuntimeException {
    public CacheUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
