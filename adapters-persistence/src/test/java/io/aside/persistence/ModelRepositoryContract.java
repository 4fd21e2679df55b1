package io.aside.persistence;

import static io.aside.domain.model.HostileText.EMOJI;
import static io.aside.domain.model.HostileText.LONGEST_EMOJI_NAME;
import static io.aside.domain.model.HostileText.QUOTES;
import static io.aside.domain.model.HostileText.SCRIPT;
import static io.aside.domain.model.HostileText.SQL_INJECTION;
import static io.aside.domain.model.ModelFixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.model.Category;
import io.aside.domain.model.HostileText;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelDraft;
import io.aside.domain.model.ModelId;
import io.aside.domain.model.VersionPrecondition;
import io.aside.domain.port.Created;
import io.aside.domain.port.ModelRepository;
import io.aside.domain.port.WriteResult;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * What every {@link ModelRepository} must do, whatever the database. Subclasses provide an empty
 * database; the suite migrates it once and empties the table before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ModelRepositoryContract {
    private Database database;
    ModelRepository repository;

    /** Settings of an empty database of this test class's own. */
    abstract DatabaseSettings freshDatabase();

    /** A query of the database's own clock in UTC, independent of the adapter. */
    abstract String utcNowQuery();

    @BeforeAll
    void openAndMigrate() {
        database = Database.open(freshDatabase());
        database.migrate();
        repository = database.repository();
    }

    @AfterAll
    void close() {
        if (database != null) database.close();
    }

    @BeforeEach
    void emptyTable() throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("delete from models");
            s.executeUpdate("delete from cache_outbox");
        }
    }

    // ---- insert and find ------------------------------------------------------------------------

    @Test
    void givenHostileValues_whenInsertAndFindById_thenEveryFieldRoundTripsVerbatim() {
        for (String text : List.of(SQL_INJECTION, SCRIPT, QUOTES, EMOJI, LONGEST_EMOJI_NAME)) {
            String category = text.length() > 90 ? "😀".repeat(Category.MAX_LENGTH) : text;
            ModelDraft draft = draft(text, category, HostileText.attributes());

            Model inserted = repository.insert(draft).model();

            assertThat(inserted.content()).isEqualTo(draft);
            assertThat(inserted.version()).isEqualTo(1);
            assertThat(repository.findById(inserted.id())).contains(inserted);
        }
        assertThat(repository.findFirstByCategory(new Category(SQL_INJECTION), 10)).hasSize(1);
    }

    @Test
    void givenInserts_thenIdsArePositiveAndIncreasing() {
        Model first = repository.insert(draft("a", "c")).model();
        Model second = repository.insert(draft("b", "c")).model();

        assertThat(first.id().value()).isPositive();
        assertThat(second.id().value()).isGreaterThan(first.id().value());
    }

    @Test
    void givenUnknownId_whenFindById_thenEmpty() {
        assertThat(repository.findById(new ModelId(Long.MAX_VALUE))).isEmpty();
    }

    // ---- timestamps -----------------------------------------------------------------------------

    @Test
    void givenInsert_thenCreatedAtEqualsUpdatedAtAndIsTheDatabaseUtcNow() throws SQLException {
        Instant dbBefore = databaseUtcNow();
        Model inserted = repository.insert(draft("n", "c")).model();
        Instant dbAfter = databaseUtcNow();

        assertThat(inserted.updatedAt()).isEqualTo(inserted.createdAt());
        assertThat(inserted.createdAt()).isBetween(dbBefore, dbAfter);
        // The JVM runs far from UTC (surefire sets TZ): a shift would be hours, not seconds.
        assertThat(inserted.createdAt()).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
    }

    @Test
    void givenInserts_thenMicrosecondsSurviveAndTheStoredValueIsUtc() throws SQLException {
        List<Model> inserted = new ArrayList<>();
        for (int i = 0; i < 5; i++) inserted.add(repository.insert(draft("n" + i, "c")).model());

        for (Model model : inserted) {
            assertThat(model.createdAt()).isEqualTo(storedCreatedAtAsUtcText(model.id()));
            assertThat(model.createdAt().getNano() % 1_000).isZero();
        }
        // Five stamps all landing on a whole millisecond would mean precision was lost on the way.
        assertThat(inserted).anyMatch(m -> m.createdAt().getNano() % 1_000_000 != 0);
    }

    // ---- update ---------------------------------------------------------------------------------

    @Test
    void givenCurrentVersion_whenUpdate_thenVersionAndUpdatedAtMoveAndBeforeAfterAreReturned() {
        Model original = repository.insert(draft("old", "books", Map.of("k", "v"))).model();
        ModelDraft change = draft("new", "films", Map.of("k", "w", "x", "y"));

        WriteResult result = repository.update(original.id(), 1, change);

        assertThat(result).isInstanceOf(WriteResult.Updated.class);
        WriteResult.Updated updated = (WriteResult.Updated) result;
        assertThat(updated.before()).isEqualTo(original);
        Model after = updated.after();
        assertThat(after.content()).isEqualTo(change);
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.createdAt()).isEqualTo(original.createdAt());
        assertThat(after.updatedAt()).isAfter(original.updatedAt());
        assertThat(repository.findById(original.id())).contains(after);
        assertThat(repository.findFirstByCategory(new Category("books"), 10)).isEmpty();
        assertThat(repository.findFirstByCategory(new Category("films"), 10)).containsExactly(after);
    }

    @Test
    void givenStaleVersion_whenUpdate_thenVersionMismatchAndRowUnchanged() {
        Model original = repository.insert(draft("n", "c")).model();
        Model current = ((WriteResult.Updated) repository.update(original.id(), 1, draft("n2", "c"))).after();

        WriteResult result = repository.update(original.id(), 1, draft("lost", "c"));

        assertThat(result).isEqualTo(new WriteResult.VersionMismatch(1, 2));
        assertThat(repository.findById(original.id())).contains(current);
    }

    @Test
    void givenUnknownId_whenUpdate_thenNotFound() {
        assertThat(repository.update(new ModelId(424242), 1, draft("n", "c"))).isEqualTo(new WriteResult.NotFound());
    }

    @Test
    void givenTwoWritersWithTheSameVersion_whenBothUpdate_thenExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                Model model = repository.insert(draft("n", "race")).model();
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<WriteResult>> writes = new ArrayList<>();
                for (String name : List.of("left", "right")) {
                    writes.add(pool.submit(() -> {
                        start.await();
                        return repository.update(model.id(), 1, draft(name, "race"));
                    }));
                }
                List<WriteResult> results = List.of(writes.get(0).get(), writes.get(1).get());

                assertThat(results).filteredOn(WriteResult.Updated.class::isInstance).hasSize(1);
                assertThat(results).filteredOn(WriteResult.VersionMismatch.class::isInstance)
                        .containsExactly(new WriteResult.VersionMismatch(1, 2));
                Model winner = ((WriteResult.Updated) results.stream().filter(WriteResult.Updated.class::isInstance)
                        .findFirst().orElseThrow()).after();
                assertThat(repository.findById(model.id())).contains(winner);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- delete ---------------------------------------------------------------------------------

    @Test
    void givenModel_whenDeleteAnyVersion_thenDeletedWithBeforeAndGone() {
        Model model = repository.insert(draft("n", "c")).model();

        WriteResult result = repository.delete(model.id(), VersionPrecondition.any());

        assertThat(result).isInstanceOfSatisfying(WriteResult.Deleted.class, deleted -> assertThat(deleted.before()).isEqualTo(model));
        assertThat(repository.findById(model.id())).isEmpty();
    }

    @Test
    void givenCurrentVersion_whenDelete_thenDeletedAndGone() {
        Model model = repository.insert(draft("n", "c")).model();

        WriteResult result = repository.delete(model.id(), VersionPrecondition.exactly(1));

        assertThat(result).isInstanceOfSatisfying(WriteResult.Deleted.class, deleted -> assertThat(deleted.before()).isEqualTo(model));
        assertThat(repository.findById(model.id())).isEmpty();
    }

    @Test
    void givenStaleVersion_whenDelete_thenVersionMismatchAndRowKept() {
        Model model = repository.insert(draft("n", "c")).model();

        WriteResult result = repository.delete(model.id(), VersionPrecondition.exactly(7));

        assertThat(result).isEqualTo(new WriteResult.VersionMismatch(7, 1));
        assertThat(repository.findById(model.id())).contains(model);
    }

    @Test
    void givenUnknownId_whenDelete_thenNotFound() {
        assertThat(repository.delete(new ModelId(424242), VersionPrecondition.any())).isEqualTo(new WriteResult.NotFound());
        assertThat(repository.delete(new ModelId(424242), VersionPrecondition.exactly(1))).isEqualTo(new WriteResult.NotFound());
    }

    // ---- find by category -----------------------------------------------------------------------

    @Test
    void givenSeveralCategories_whenFindFirstByCategory_thenThatCategoryOnlyByAscendingIdUpToLimit() {
        List<Model> books = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            books.add(repository.insert(draft("book" + i, "books")).model());
            repository.insert(draft("film" + i, "films")).model();
        }

        assertThat(repository.findFirstByCategory(new Category("books"), 3)).containsExactlyElementsOf(books.subList(0, 3));
        assertThat(repository.findFirstByCategory(new Category("books"), 100)).containsExactlyElementsOf(books);
        assertThat(repository.findFirstByCategory(new Category("music"), 10)).isEmpty();
    }

    @Test
    void givenCategoriesThatDifferOnlyInCaseAccentsEmojiOrSpaces_whenFindFirstByCategory_thenEachMatchesOnlyItself() {
        List<String> categories = List.of("Café", "cafe", "CAFE", "café", "cafe\u0301", "cafe ", " cafe", "☕", "☕☕", "🍵", "ß", "ss");
        Map<String, Model> byCategory = new java.util.HashMap<>();
        for (String category : categories) byCategory.put(category, repository.insert(draft("n", category)).model());

        for (String category : categories) {
            assertThat(repository.findFirstByCategory(new Category(category), 100))
                    .as("models of category [%s]", category)
                    .containsExactly(byCategory.get(category));
        }
    }

    @Test
    void givenNonPositiveLimit_whenFindFirstByCategory_thenRejectedBeforeAnyQuery() {
        assertThatThrownBy(() -> repository.findFirstByCategory(new Category("c"), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- schema and health ----------------------------------------------------------------------

    @Test
    void givenMigratedDatabase_whenMigrateAgain_thenNothingChangesAndRowsSurvive() {
        Model model = repository.insert(draft("n", "c")).model();

        database.migrate();
        database.migrate();

        assertThat(repository.findById(model.id())).contains(model);
        assertThat(repository.insert(draft("m", "c")).model().id().value()).isGreaterThan(model.id().value());
    }

    @Test
    void givenLiveDatabase_whenPing_thenAnswersQuickly() {
        long start = System.nanoTime();
        repository.ping();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    // ---- helpers --------------------------------------------------------------------------------

    Database database() {
        return database;
    }

    private Instant databaseUtcNow() throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(utcNowQuery())) {
            rs.next();
            return parseDatabaseText(rs.getString(1));
        }
    }

    /** The stored value as the database itself prints it, with no driver or JVM time zone involved. */
    private Instant storedCreatedAtAsUtcText(ModelId id) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("select concat(created_at, '') from models where id = ?")) {
            s.setLong(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return parseDatabaseText(rs.getString(1));
            }
        }
    }

    private static Instant parseDatabaseText(String text) {
        return LocalDateTime.parse(text.trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    // ---- the invalidation outbox ----------------------------------------------------------------

    @Test
    void givenWrites_whenCommitted_thenEachRecordedTheEntriesItMadeStaleInTheOutbox() {
        Created created = repository.insert(draft("n", "old"));
        WriteResult.Updated moved = (WriteResult.Updated) repository.update(created.model().id(), 1, draft("n", "new"));
        WriteResult.Deleted deleted = (WriteResult.Deleted) repository.delete(created.model().id(), VersionPrecondition.any());

        ModelId id = created.model().id();
        assertThat(created.invalidation().invalidation()).isEqualTo(new Invalidation(Set.of(id), Set.of(new Category("old"))));
        assertThat(moved.invalidation().invalidation())
                .isEqualTo(new Invalidation(Set.of(id), Set.of(new Category("old"), new Category("new"))));
        assertThat(deleted.invalidation().invalidation()).isEqualTo(new Invalidation(Set.of(id), Set.of(new Category("new"))));
        assertThat(database.outbox().pending(10).entries())
                .containsExactly(created.invalidation(), moved.invalidation(), deleted.invalidation());
    }

    @Test
    void givenDeliveredEntries_whenRemoved_thenOnlyTheOthersStayPendingInOrder() {
        List<PendingInvalidation> recorded = new ArrayList<>();
        for (int i = 0; i < 4; i++) recorded.add(repository.insert(draft("n" + i, "c" + i)).invalidation());

        database.outbox().delivered(List.of(recorded.get(0).id(), recorded.get(2).id(), -1L));

        assertThat(database.outbox().pending(10).entries()).containsExactly(recorded.get(1), recorded.get(3));
        assertThat(database.outbox().pending(1).entries()).containsExactly(recorded.get(1));
        database.outbox().delivered(List.of());
    }

    @Test
    void givenRefusedWrite_whenVersionMismatches_thenNothingIsRecorded() {
        Model model = repository.insert(draft("n", "c")).model();
        database.outbox().delivered(database.outbox().pending(10).entries().stream().map(PendingInvalidation::id).toList());

        assertThat(repository.update(model.id(), 7, draft("x", "y"))).isInstanceOf(WriteResult.VersionMismatch.class);
        assertThat(repository.delete(new ModelId(999_999), VersionPrecondition.any())).isInstanceOf(WriteResult.NotFound.class);

        assertThat(database.outbox().pending(10).entries()).isEmpty();
    }

    @Test
    void givenNastyCategories_whenRecorded_thenTheyComeBackExactly() {
        PendingInvalidation recorded = repository.insert(draft("n", EMOJI + QUOTES + SQL_INJECTION.substring(0, 10))).invalidation();
        assertThat(database.outbox().pending(10).entries()).containsExactly(recorded);
    }
}
