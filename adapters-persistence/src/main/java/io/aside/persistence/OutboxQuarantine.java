package io.aside.persistence;

import static io.aside.persistence.generated.Tables.CACHE_OUTBOX;
import static io.aside.persistence.generated.Tables.CACHE_OUTBOX_QUARANTINE;

import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where outbox rows that cannot be read back go: out of the way of the invalidations after them
 * (DESIGN §3.1), kept in {@code cache_outbox_quarantine} with their payload as it was and the reason,
 * for an operator to look at.
 */
final class OutboxQuarantine {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxQuarantine.class);

    /** The width of the {@code reason} column. */
    static final int REASON_LENGTH = 500;

    private final DSLContext db;
    private final Field<Instant> utcNow;

    OutboxQuarantine(DSLContext db, DatabaseKind kind) {
        this.db = db;
        this.utcNow = kind.utcNow();
    }

    /**
     * Moves outbox row {@code id} to the quarantine in one small transaction of its own and returns
     * whether this call moved it. The row is locked first, so when two instances race over it the
     * second finds it gone (moved, or delivered) and does nothing: neither fails, none duplicates.
     * The payload and creation time are copied by the database (INSERT … SELECT): nothing is
     * re-encoded, and no time travels through Connector/J, which would drop its microseconds.
     */
    boolean move(long id, String reason) {
        // One pooled connection for the whole transaction, as in WriteTransaction.
        boolean moved = db.connectionResult(connection -> DSL.using(db.configuration().derive(connection)).transactionResult(tx -> {
            DSLContext t = tx.dsl();
            if (t.selectOne().from(CACHE_OUTBOX).where(CACHE_OUTBOX.ID.eq(id)).forUpdate().fetchOptional().isEmpty()) return false;
            t.insertInto(CACHE_OUTBOX_QUARANTINE, CACHE_OUTBOX_QUARANTINE.ID, CACHE_OUTBOX_QUARANTINE.INVALIDATION,
                            CACHE_OUTBOX_QUARANTINE.CREATED_AT, CACHE_OUTBOX_QUARANTINE.QUARANTINED_AT, CACHE_OUTBOX_QUARANTINE.REASON)
                    .select(DSL.select(CACHE_OUTBOX.ID, CACHE_OUTBOX.INVALIDATION, CACHE_OUTBOX.CREATED_AT, utcNow, DSL.val(fit(reason)))
                            .from(CACHE_OUTBOX)
                            .where(CACHE_OUTBOX.ID.eq(id)))
                    .execute();
            t.deleteFrom(CACHE_OUTBOX).where(CACHE_OUTBOX.ID.eq(id)).execute();
            return true;
        }));
        if (moved) LOG.warn("outbox entry {} set aside in cache_outbox_quarantine, it is not a readable invalidation: {}", id, reason);
        return moved;
    }

    /** At most {@link #REASON_LENGTH} UTF-16 units (so as many characters on every database), never half a surrogate pair. */
    static String fit(String reason) {
        if (reason.length() <= REASON_LENGTH) return reason;
        int end = Character.isHighSurrogate(reason.charAt(REASON_LENGTH - 2)) ? REASON_LENGTH - 2 : REASON_LENGTH - 1;
        return reason.substring(0, end) + "…";
    }
}
