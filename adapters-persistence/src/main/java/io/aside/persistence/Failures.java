package io.aside.persistence;

import io.aside.domain.port.RepositoryUnavailableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;

/**
 * Turns database failures into what the port promises: a database that cannot be reached or does
 * not answer in time becomes {@link RepositoryUnavailableException} (the API answers 503); anything
 * else is a bug or a broken schema and stays an error, without leaking jOOQ's exception type.
 */
final class Failures {
    private Failures() {}

    static <T> T guard(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    static RuntimeException translate(Throwable failure) {
        Throwable cause = connectivityCause(failure);
        if (cause != null) return new RepositoryUnavailableException("database unavailable: " + cause.getMessage(), failure);
        return new IllegalStateException("database call failed: " + failure.getMessage(), failure);
    }

    /** The first cause that says the database could not be reached or timed out, or null. */
    private static Throwable connectivityCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isConnectivity(t)) return t;
        }
        return null;
    }

    private static boolean isConnectivity(Throwable t) {
        // Transient covers timeouts (query, lock wait, pool) and rolled-back transactions: the
        // database did not answer in time and nothing was changed.
        if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof SQLNonTransientConnectionException
                || t instanceof SocketException || t instanceof SocketTimeoutException) {
            return true;
        }
        // SQL state class 08 is "connection exception" in every driver, whatever class it throws.
        return t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }
}
