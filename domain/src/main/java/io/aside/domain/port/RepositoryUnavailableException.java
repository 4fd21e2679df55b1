package io.aside.domain.port;

/** The database could not be reached or did not answer in time; nothing was changed by this call. */
public final class RepositoryUnavailableException extends RuntimeException {
    public RepositoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
