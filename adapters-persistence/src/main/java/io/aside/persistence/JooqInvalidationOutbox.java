package io.aside.persistence;

import static io.aside.persistence.generated.Tables.CACHE_OUTBOX;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.port.InvalidationOutbox;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;

/** {@link InvalidationOutbox} on the {@code cache_outbox} table that {@link JooqModelRepository} writes to. */
public final class JooqInvalidationOutbox implements InvalidationOutbox {
    private final DSLContext db;
    private final DatabaseBreaker breaker;

    JooqInvalidationOutbox(DSLContext db, DatabaseBreaker breaker) {
        this.db = db;
        this.breaker = breaker;
    }

    /** Called inside a write's transaction: the entry commits or rolls back with the write. */
    static PendingInvalidation record(DSLContext transaction, Invalidation invalidation, Field<Instant> utcNow) {
        long id = transaction.insertInto(CACHE_OUTBOX)
                .set(CACHE_OUTBOX.INVALIDATION, InvalidationCodec.encode(invalidation))
                .set(CACHE_OUTBOX.CREATED_AT, utcNow)
                .returningResult(CACHE_OUTBOX.ID)
                .fetchSingle()
                .value1();
        return new PendingInvalidation(id, invalidation);
    }

    @Override
    public List<PendingInvalidation> pending(int limit) {
        return breaker.call(() -> db.selectFrom(CACHE_OUTBOX).orderBy(CACHE_OUTBOX.ID).limit(limit)
                .fetch(row -> new PendingInvalidation(row.getId(), InvalidationCodec.decode(row.getId(), row.getInvalidation()))));
    }

    @Override
    public void delivered(Collection<Long> ids) {
        if (ids.isEmpty()) return;
        breaker.call(() -> db.deleteFrom(CACHE_OUTBOX).where(CACHE_OUTBOX.ID.in(ids)).execute());
    }
}
