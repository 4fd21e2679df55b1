package io.aside.persistence;

import static io.aside.persistence.generated.Tables.MODELS;
import static org.jooq.impl.DSL.charLength;
import static org.jooq.impl.DSL.val;

import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelDraft;
import io.aside.domain.model.ModelId;
import io.aside.domain.model.VersionPrecondition;
import io.aside.domain.port.Created;
import io.aside.domain.port.ModelRepository;
import io.aside.domain.port.WriteResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * {@link ModelRepository} on jOOQ. Each write is one transaction that first locks the row
 * (SELECT … FOR UPDATE), so it can report the row before and after the change, and that records
 * the invalidation of both in the outbox; the version check is part of the UPDATE/DELETE itself.
 * Times are stamped by the database, never sent. A write whose commit fails may have been applied:
 * it throws {@link io.aside.domain.port.WriteOutcomeUnknownException} (see {@link WriteTransaction}).
 */
public final class JooqModelRepository implements ModelRepository {
    private static final int PING_TIMEOUT_SECONDS = 2;

    private final DSLContext db;
    private final DatabaseBreaker breaker;
    private final Field<Instant> utcNow;

    JooqModelRepository(DSLContext db, DatabaseBreaker breaker, DatabaseKind kind) {
        this.db = db;
        this.breaker = breaker;
        this.utcNow = kind.utcNow();
    }

    @Override
    public Optional<Model> findById(ModelId id) {
        return breaker.call(() -> db.selectFrom(MODELS).where(MODELS.ID.eq(id.value())).fetchOptional(ModelRecordMapper::toModel));
    }

    @Override
    public List<Model> findFirstByCategory(Category category, int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be positive, got " + limit);
        return breaker.call(() -> db.selectFrom(MODELS)
                .where(sameCategory(category))
                .orderBy(MODELS.ID)
                .limit(limit)
                .fetch(ModelRecordMapper::toModel));
    }

    /**
     * Exact equality. MySQL's utf8mb4_bin is a PAD SPACE collation ('a' = 'a '), but 'a' and 'a ' are
     * different categories with different cache keys, so the lengths must agree too. The database
     * counts both lengths, so code points are counted the same way on both sides.
     */
    private static Condition sameCategory(Category category) {
        Field<String> wanted = val(category.value());
        return MODELS.CATEGORY.eq(wanted).and(charLength(MODELS.CATEGORY).eq(charLength(wanted)));
    }

    @Override
    public Created insert(ModelDraft draft) {
        return inTransaction(tx -> {
            DSLContext t = tx.dsl();
            // The generated key comes back through JDBC's getGeneratedKeys: Connector/J rejects
            // MariaDB's INSERT … RETURNING. Both times come from one statement, so they are equal.
            long id = t.insertInto(MODELS)
                    .set(MODELS.NAME, draft.name())
                    .set(MODELS.CATEGORY, draft.category().value())
                    .set(MODELS.ATTRIBUTES, ModelRecordMapper.encodeAttributes(draft.attributes()))
                    .set(MODELS.VERSION, 1L)
                    .set(MODELS.CREATED_AT, utcNow)
                    .set(MODELS.UPDATED_AT, utcNow)
                    .returningResult(MODELS.ID)
                    .fetchSingle()
                    .value1();
            Model created = read(t, id).orElseThrow();
            return new Created(created, tx.recordInvalidation(List.of(created)));
        });
    }

    @Override
    public WriteResult update(ModelId id, long expectedVersion, ModelDraft draft) {
        return inTransaction(tx -> {
            DSLContext t = tx.dsl();
            Optional<Model> before = lock(t, id.value());
            if (before.isEmpty()) return new WriteResult.NotFound();
            if (before.get().version() != expectedVersion) return new WriteResult.VersionMismatch(expectedVersion, before.get().version());
            int changed = t.update(MODELS)
                    .set(MODELS.NAME, draft.name())
                    .set(MODELS.CATEGORY, draft.category().value())
                    .set(MODELS.ATTRIBUTES, ModelRecordMapper.encodeAttributes(draft.attributes()))
                    .set(MODELS.VERSION, MODELS.VERSION.plus(1L))
                    .set(MODELS.UPDATED_AT, utcNow)
                    .where(MODELS.ID.eq(id.value()).and(MODELS.VERSION.eq(expectedVersion)))
                    .execute();
            if (changed == 0) return unchanged(t, id.value(), expectedVersion);
            Model after = read(t, id.value()).orElseThrow();
            return new WriteResult.Updated(before.get(), after, tx.recordInvalidation(List.of(before.get(), after)));
        });
    }

    @Override
    public WriteResult delete(ModelId id, VersionPrecondition precondition) {
        return inTransaction(tx -> {
            DSLContext t = tx.dsl();
            Optional<Model> before = lock(t, id.value());
            if (before.isEmpty()) return new WriteResult.NotFound();
            // With the row locked, "any version" is the version just read: one checked DELETE serves both.
            long expectedVersion = precondition.expectedGiven(before.get().version());
            if (before.get().version() != expectedVersion) return new WriteResult.VersionMismatch(expectedVersion, before.get().version());
            int deleted = t.deleteFrom(MODELS).where(MODELS.ID.eq(id.value()).and(MODELS.VERSION.eq(expectedVersion))).execute();
            if (deleted == 0) return unchanged(t, id.value(), expectedVersion);
            return new WriteResult.Deleted(before.get(), tx.recordInvalidation(List.of(before.get())));
        });
    }

    @Override
    public void ping() {
        breaker.call(() -> db.selectOne().queryTimeout(PING_TIMEOUT_SECONDS).fetch());
    }

    /** Runs {@code work} as one transaction (see {@link WriteTransaction}) through the breaker. */
    private <T> T inTransaction(Function<WriteTransaction, T> work) {
        return breaker.call(() -> WriteTransaction.run(db, utcNow, work));
    }

    private static Optional<Model> lock(DSLContext t, long id) {
        return t.selectFrom(MODELS).where(MODELS.ID.eq(id)).forUpdate().fetchOptional(ModelRecordMapper::toModel);
    }

    private static Optional<Model> read(DSLContext t, long id) {
        return t.selectFrom(MODELS).where(MODELS.ID.eq(id)).fetchOptional(ModelRecordMapper::toModel);
    }

    /** Why a conditional write under the row lock touched nothing; unreachable unless the lock was not honoured. */
    private static WriteResult unchanged(DSLContext t, long id, long expectedVersion) {
        return read(t, id).<WriteResult>map(current -> new WriteResult.VersionMismatch(expectedVersion, current.version()))
                .orElseGet(WriteResult.NotFound::new);
    }
}
