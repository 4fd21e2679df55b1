package io.aside.persistence;

import static io.aside.domain.model.ModelFixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aside.domain.cache.OutboxBacklog;
import io.aside.domain.cache.OutboxBatch;
import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.port.InvalidationOutbox;
import io.aside.domain.port.ModelRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the {@link InvalidationOutbox} must do on every database, beyond recording writes (see
 * {@link ModelRepositoryContract}): rows it cannot read back are set aside, never returned and
 * never in the way of the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InvalidationOutboxContract {
    /** A creation time with microseconds, written as SQL text so that no driver touches it. */
    private static final String CREATED_AT = "2024-02-29 12:34:56.123456";
    private static final Instant CREATED_AT_INSTANT = Instant.parse("2024-02-29T12:34:56.123456Z");

    private DatabaseSettings settings;
    private Database database;
    private ModelRepository repository;
    private InvalidationOutbox outbox;

    /** Settings of an empty database of this test class's own. */
    abstract DatabaseSettings freshDatabase();

    @BeforeAll
    void openAndMigrate() {
        settings = freshDatabase();
        database = Database.open(settings);
        database.migrate();
        repository = database.repository();
        outbox = database.outbox();
    }

    @AfterAll
    void close() {
        if (database != null) database.close();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("delete from models");
            s.executeUpdate("delete from cache_outbox");
            s.executeUpdate("delete from cache_outbox_quarantine");
        }
    }

    @Test
    void givenUnreadableRows_whenPending_thenSetAsideAndCountedWhileLaterRowsAreStillReturned() throws SQLException {
        PendingInvalidation first = repository.insert(draft("a", "c")).invalidation();
        long notJson = unreadableRow("not JSON {");
        long wrongShape = unreadableRow("{\"models\":\"7\",\"categories\":{}}");
        long negativeId = unreadableRow("{\"models\":[-3],\"categories\":[\"c\"]}");
        long emptyCategory = unreadableRow("{\"models\":[3],\"categories\":[\"\"]}");
        PendingInvalidation last = repository.insert(draft("b", "c")).invalidation();

        OutboxBatch batch = outbox.pending(10);

        assertThat(batch.entries()).containsExactly(first, last);
        assertThat(batch.setAside()).isEqualTo(4);
        List<Quarantined> quarantined = quarantined();
        assertThat(quarantined).extracting(Quarantined::id).containsExactly(notJson, wrongShape, negativeId, emptyCategory);
        assertThat(quarantined).extracting(Quarantined::invalidation).containsExactly("not JSON {",
                "{\"models\":\"7\",\"categories\":{}}", "{\"models\":[-3],\"categories\":[\"c\"]}", "{\"models\":[3],\"categories\":[\"\"]}");
        assertThat(quarantined).allSatisfy(row -> {
            assertThat(row.reason()).isNotBlank().hasSizeLessThanOrEqualTo(OutboxQuarantine.REASON_LENGTH);
            assertThat(row.createdAt()).isEqualTo(CREATED_AT);
            // The JVM runs far from UTC (surefire sets TZ): a shifted stamp would be hours off.
            assertThat(row.quarantinedAt()).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
        });
        assertThat(quarantined.get(2).reason()).contains("id");
        assertThat(quarantined.get(3).reason()).contains("category");

        assertThat(outbox.pending(10)).isEqualTo(new OutboxBatch(List.of(first, last), 0));
    }

    @Test
    void givenUnreadableRowsAmongReadable_whenPendingWithSmallLimit_thenTheBatchIsStillFullAndInOrder() throws SQLException {
        unreadableRow("");
        PendingInvalidation first = repository.insert(draft("a", "c")).invalidation();
        unreadableRow("null");
        PendingInvalidation second = repository.insert(draft("b", "c")).invalidation();
        PendingInvalidation third = repository.insert(draft("c", "c")).invalidation();

        assertThat(outbox.pending(2)).isEqualTo(new OutboxBatch(List.of(first, second), 2));
        assertThat(outbox.pending(2)).isEqualTo(new OutboxBatch(List.of(first, second), 0));
        assertThat(outbox.pending(3).entries()).containsExactly(first, second, third);
    }

    @Test
    void givenEntriesARelayCouldNotDeliver_whenPendingAfterTheLastOfThem_thenTheBatchStartsPastThem() {
        PendingInvalidation first = repository.insert(draft("a", "c")).invalidation();
        PendingInvalidation second = repository.insert(draft("b", "c")).invalidation();
        PendingInvalidation third = repository.insert(draft("c", "c")).invalidation();

        assertThat(outbox.pendingAfter(first.id(), 10).entries()).containsExactly(second, third);
        assertThat(outbox.pendingAfter(second.id(), 1).entries()).containsExactly(third);
        assertThat(outbox.pendingAfter(third.id(), 10).entries()).isEmpty();
    }

    @Test
    void givenOnlyUnreadableRows_whenPending_thenEmptyBatchCountingThem() throws SQLException {
        for (int i = 0; i < 5; i++) unreadableRow("{\"models\":[" + i + "]}");

        assertThat(outbox.pending(2)).isEqualTo(new OutboxBatch(List.of(), 5));
        assertThat(outbox.pending(2)).isEqualTo(new OutboxBatch(List.of(), 0));
        assertThat(quarantined()).hasSize(5);
    }

    @Test
    void givenTwoInstancesReadingTheSameUnreadableRow_whenBothSetItAside_thenBothSucceedAndItIsMovedOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Database other = Database.open(settings)) {
            List<InvalidationOutbox> instances = List.of(outbox, other.outbox());
            for (int round = 0; round < 10; round++) {
                PendingInvalidation readable = repository.insert(draft("n" + round, "c")).invalidation();
                long unreadable = unreadableRow("garbage " + round);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<OutboxBatch>> reads = new ArrayList<>();
                for (InvalidationOutbox instance : instances) {
                    reads.add(threads.submit(() -> {
                        start.await();
                        return instance.pending(10);
                    }));
                }
                List<OutboxBatch> batches = List.of(reads.get(0).get(), reads.get(1).get());

                assertThat(batches).allSatisfy(batch -> assertThat(batch.entries()).contains(readable));
                assertThat(batches.get(0).setAside() + batches.get(1).setAside()).as("round %d", round).isEqualTo(1);
                assertThat(quarantined()).filteredOn(row -> row.id() == unreadable).hasSize(1);
                assertThat(outbox.pending(10).entries()).extracting(PendingInvalidation::id).doesNotContain(unreadable);
                outbox.delivered(List.of(readable.id()));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void givenNonPositiveLimit_whenPending_thenRejected() {
        assertThatThrownBy(() -> outbox.pending(0)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- oldestPending --------------------------------------------------------------------------

    @Test
    void givenEmptyOutbox_whenOldestPending_thenEmpty() {
        assertThat(outbox.oldestPending()).isEmpty();
    }

    @Test
    void givenEntries_whenOldestPending_thenTheSmallestIdUntilDelivered() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) ids.add(repository.insert(draft("n" + i, "c")).invalidation().id());

        assertThat(outbox.oldestPending()).isEqualTo(OptionalLong.of(ids.get(0)));
        outbox.delivered(List.of(ids.get(0), ids.get(2)));
        assertThat(outbox.oldestPending()).isEqualTo(OptionalLong.of(ids.get(1)));
        outbox.delivered(List.of(ids.get(1)));
        assertThat(outbox.oldestPending()).isEmpty();
    }

    @Test
    void givenUnreadableOldestRow_whenOldestPending_thenItCountsUntilSetAside() throws SQLException {
        long unreadable = unreadableRow("?");
        PendingInvalidation readable = repository.insert(draft("n", "c")).invalidation();

        assertThat(outbox.oldestPending()).isEqualTo(OptionalLong.of(unreadable));
        outbox.pending(10);
        assertThat(outbox.oldestPending()).isEqualTo(OptionalLong.of(readable.id()));
    }

    // ---- ages and backlog ------------------------------------------------------------------------

    @Test
    void givenAnEntryRecordedLongAgo_whenPending_thenItsAgeIsTakenByTheDatabaseClock() throws SQLException {
        PendingInvalidation recent = repository.insert(draft("a", "c")).invalidation();
        long old = readableRow("{\"models\":[7],\"categories\":[\"c\"]}");

        List<PendingInvalidation> entries = outbox.pending(10).entries();

        assertThat(entries).extracting(PendingInvalidation::id).containsExactly(recent.id(), old);
        // The JVM runs far from UTC (surefire sets TZ): a shifted clock would be hours off either way.
        assertThat(entries.get(0).age()).isBetween(Duration.ZERO, Duration.ofSeconds(5));
        assertThat(entries.get(1).age()).isCloseTo(Duration.between(CREATED_AT_INSTANT, Instant.now()), Duration.ofSeconds(5));
    }

    @Test
    void givenEmptyOutbox_whenBacklog_thenEmpty() {
        assertThat(outbox.backlog()).isEqualTo(OutboxBacklog.EMPTY);
    }

    @Test
    void givenEntries_whenBacklog_thenTheirCountAndTheOldestAgeUntilDelivered() throws SQLException {
        PendingInvalidation recent = repository.insert(draft("a", "c")).invalidation();
        assertThat(outbox.backlog().entries()).isEqualTo(1);
        assertThat(outbox.backlog().oldestAge()).isBetween(Duration.ZERO, Duration.ofSeconds(5));

        long old = readableRow("{\"models\":[7],\"categories\":[\"c\"]}");
        OutboxBacklog backlog = outbox.backlog();
        assertThat(backlog.entries()).isEqualTo(2);
        assertThat(backlog.oldestAge()).isCloseTo(Duration.between(CREATED_AT_INSTANT, Instant.now()), Duration.ofSeconds(5));

        outbox.delivered(List.of(recent.id(), old));
        assertThat(outbox.backlog()).isEqualTo(OutboxBacklog.EMPTY);
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** A row written around the adapter, as a bug, a manual fix or a damaged disk would leave it. */
    private long unreadableRow(String payload) throws SQLException {
        return rowRecordedLongAgo(payload);
    }

    /** A row as a writer that stopped long ago would have left it. */
    private long readableRow(String payload) throws SQLException {
        return rowRecordedLongAgo(payload);
    }

    private long rowRecordedLongAgo(String payload) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("insert into cache_outbox (invalidation, created_at) values (?, '" + CREATED_AT + "')",
                     Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, payload);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                return keys.getLong(1);
            }
        }
    }

    private record Quarantined(long id, String invalidation, String createdAt, Instant quarantinedAt, String reason) {}

    /** The quarantine as the database prints it, with no driver or JVM time zone involved. */
    private List<Quarantined> quarantined() throws SQLException {
        List<Quarantined> rows = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id, invalidation, concat(created_at, ''), concat(quarantined_at, ''), reason"
                     + " from cache_outbox_quarantine order by id")) {
            while (rs.next()) {
                Instant quarantinedAt = LocalDateTime.parse(rs.getString(4).trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
                rows.add(new Quarantined(rs.getLong(1), rs.getString(2), rs.getString(3), quarantinedAt, rs.getString(5)));
            }
        }
        return rows;
    }
}
