package io.aside.persistence;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.model.Model;
import io.aside.domain.port.WriteOutcomeUnknownException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.TransactionListener;
import org.jooq.impl.DSL;

/**
 * One write's transaction, which tells a write that failed from one whose outcome is unknown. Once
 * COMMIT has been sent, a failure (typically the connection lost before the reply) hides the answer:
 * the server may have committed. That becomes {@link WriteOutcomeUnknownException} carrying the
 * invalidation the write recorded, so that it is delivered all the same. A failure before the
 * commit rolled everything back and is left to {@link Failures} as before.
 */
final class WriteTransaction {
    private final Field<Instant> utcNow;
    private DSLContext dsl;
    private PendingInvalidation recorded;
    private boolean committing;

    private WriteTransaction(Field<Instant> utcNow) {
        this.utcNow = utcNow;
    }

    /**
     * Runs {@code work} in one transaction on one pooled connection. Taking the connection first
     * means a database that is down costs one pool timeout; letting jOOQ's transaction take it would
     * ask the pool again to roll back, and again to clean up, tripling the wait.
     */
    static <T> T run(DSLContext db, Field<Instant> utcNow, Function<WriteTransaction, T> work) {
        return db.connectionResult(connection -> new WriteTransaction(utcNow).execute(db.configuration().derive(connection), work));
    }

    /** The write's statements run on this, inside the transaction. */
    DSLContext dsl() {
        return dsl;
    }

    /** Records in the outbox the invalidation of the rows the write touched; it commits or rolls back with them. */
    PendingInvalidation recordInvalidation(List<Model> touched) {
        recorded = JooqInvalidationOutbox.record(dsl, Invalidation.of(touched), utcNow);
        return recorded;
    }

    private <T> T execute(Configuration connection, Function<WriteTransaction, T> work) {
        Configuration watched = connection.deriveAppending(TransactionListener.onCommitStart(ctx -> committing = true));
        try {
            return DSL.using(watched).transactionResult(tx -> {
                dsl = tx.dsl();
                return work.apply(this);
            });
        } catch (RuntimeException failure) {
            // A write that recorded nothing changed nothing (not found, version mismatch): if its
            // commit fails, "unavailable, nothing was changed" is still the truth.
            if (committing && recorded != null) {
                throw new WriteOutcomeUnknownException("the connection failed while the write was committing, it may or may not"
                        + " have been applied: " + failure.getMessage(), recorded, failure);
            }
            throw failure;
        }
    }
}
