package io.aside.persistence;

import static io.aside.persistence.generated.Tables.CACHE_OUTBOX;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.OutboxBacklog;
import io.aside.domain.cache.OutboxBatch;
import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.port.InvalidationOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Result;
import org.jooq.impl.DSL;

/** {@link InvalidationOutbox} on the {@code cache_outbox} table that {@link JooqModelRepository} writes to. */
public final class JooqInvalidationOutbox implements InvalidationOutbox {
    private final DSLContext db;
    private final DatabaseBreaker breaker;
    private final OutboxQuarantine quarantine;
    /** Ages are taken by the database's clock, which stamped the entries. */
    private final Field<Instant> utcNow;

    JooqInvalidationOutbox(DSLContext db, DatabaseBreaker breaker, DatabaseKind kind) {
        this.db = db;
        this.breaker = breaker;
        this.quarantine = new OutboxQuarantine(db, kind);
        this.utcNow = kind.utcNow();
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
    public OutboxBatch pendingAfter(long afterId, int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be positive, got " + limit);
        return breaker.call(() -> readPending(afterId, limit));
    }

    /**
     * Oldest first. An unreadable row is moved to the quarantine and the read goes on past it, so a
     * batch is as full as the readable rows allow: a short batch still means "nothing more".
     */
    private OutboxBatch readPending(long afterId, int limit) {
        List<PendingInvalidation> entries = new ArrayList<>();
        int setAside = 0;
        long after = afterId;
        while (true) {
            int wanted = limit - entries.size();
            Result<Record4<Long, String, Instant, Instant>> rows = db
                    .select(CACHE_OUTBOX.ID, CACHE_OUTBOX.INVALIDATION, CACHE_OUTBOX.CREATED_AT, utcNow)
                    .from(CACHE_OUTBOX).where(CACHE_OUTBOX.ID.gt(after))
                    .orderBy(CACHE_OUTBOX.ID).limit(wanted).fetch();
            for (Record4<Long, String, Instant, Instant> row : rows) {
                after = row.value1();
                try {
                    Duration age = Duration.between(row.value3(), row.value4());
                    entries.add(new PendingInvalidation(row.value1(), InvalidationCodec.decode(row.value2()), age));
                } catch (InvalidationCodec.Unreadable unreadable) {
                    if (quarantine.move(row.value1(), unreadable.getMessage())) setAside++;
                }
            }
            if (rows.size() < wanted || entries.size() == limit) return new OutboxBatch(entries, setAside);
        }
    }

    @Override
    public void delivered(Collection<Long> ids) {
        if (ids.isEmpty()) return;
        breaker.call(() -> db.deleteFrom(CACHE_OUTBOX).where(CACHE_OUTBOX.ID.in(ids)).execute());
    }

    @Override
    public OptionalLong oldestPending() {
        Long oldest = breaker.call(() -> db.select(DSL.min(CACHE_OUTBOX.ID)).from(CACHE_OUTBOX).fetchSingle().value1());
        return oldest == null ? OptionalLong.empty() : OptionalLong.of(oldest);
    }

    @Override
    public OutboxBacklog backlog() {
        Record3<Integer, Instant, Instant> row = breaker.call(() ->
                db.select(DSL.count(), DSL.min(CACHE_OUTBOX.CREATED_AT), utcNow).from(CACHE_OUTBOX).fetchSingle());
        if (row.value1() == 0) return OutboxBacklog.EMPTY;
        return new OutboxBacklog(row.value1(), Duration.between(row.value2(), row.value3()));
    }
}
