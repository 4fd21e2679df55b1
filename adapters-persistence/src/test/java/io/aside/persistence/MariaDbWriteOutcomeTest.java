package io.aside.persistence;

import static io.aside.domain.model.ModelFixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.VersionPrecondition;
import io.aside.domain.port.RepositoryUnavailableException;
import io.aside.domain.port.WriteOutcomeUnknownException;
import io.aside.testing.MariaDbServer;
import io.aside.testing.TcpProxy;
import io.aside.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes whose connection is lost on a real network path (a {@link TcpProxy} between Connector/J and
 * MariaDB), at COMMIT or before it. The server is then asked directly what really happened.
 */
class MariaDbWriteOutcomeTest {
    private final MariaDbServer server = TestServers.mariaDb();
    private Database direct;
    private TcpProxy proxy;
    private Database proxied;

    @BeforeEach
    void openBothWays() {
        DatabaseSettings settings = TestDatabases.mariaDb();
        direct = Database.open(settings);
        direct.migrate();
        proxy = TcpProxy.start(server.host(), server.port());
        String throughProxy = settings.url().replace("//" + server.host() + ":" + server.port() + "/", "//" + proxy.host() + ":" + proxy.port() + "/");
        // A pool (and breaker) of its own per test: failures of one test must not open the breaker for the next.
        proxied = Database.open(new DatabaseSettings(throughProxy, settings.user(), settings.password()));
    }

    @AfterEach
    void close() {
        if (proxied != null) proxied.close();
        if (proxy != null) proxy.close();
        if (direct != null) direct.close();
    }

    @Test
    void givenConnectionLostAtCommit_whenUpdate_thenOutcomeUnknownWithTheRecordedInvalidation_andTheServerDidCommit() throws Exception {
        Model model = direct.repository().insert(draft("before", "old")).model();
        CompletableFuture<Void> cut = proxy.cutAfterClientSends(TcpProxy.mysqlQuery("commit"));

        Throwable thrown = catchThrowable(() -> proxied.repository().update(model.id(), 1, draft("after", "new")));

        cut.get(10, TimeUnit.SECONDS);
        assertThat(thrown).isInstanceOf(WriteOutcomeUnknownException.class);
        PendingInvalidation recorded = ((WriteOutcomeUnknownException) thrown).invalidation();
        assertThat(recorded.invalidation()).isEqualTo(new Invalidation(Set.of(model.id()), Set.of(new Category("old"), new Category("new"))));
        Model stored = direct.repository().findById(model.id()).orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.content()).isEqualTo(draft("after", "new"));
        assertThat(direct.outbox().pending(10).entries()).contains(recorded);
    }

    @Test
    void givenConnectionLostAtCommit_whenInsert_thenOutcomeUnknownNamingTheNewModel_andItExists() throws Exception {
        CompletableFuture<Void> cut = proxy.cutAfterClientSends(TcpProxy.mysqlQuery("commit"));

        Throwable thrown = catchThrowable(() -> proxied.repository().insert(draft("new", "c")));

        cut.get(10, TimeUnit.SECONDS);
        assertThat(thrown).isInstanceOf(WriteOutcomeUnknownException.class);
        PendingInvalidation recorded = ((WriteOutcomeUnknownException) thrown).invalidation();
        assertThat(recorded.invalidation().categories()).containsExactly(new Category("c"));
        assertThat(recorded.invalidation().models()).singleElement()
                .satisfies(id -> assertThat(direct.repository().findById(id)).hasValueSatisfying(m -> assertThat(m.name()).isEqualTo("new")));
        assertThat(direct.outbox().pending(10).entries()).containsExactly(recorded);
    }

    @Test
    void givenConnectionLostAtCommit_whenDelete_thenOutcomeUnknown_andTheModelIsGone() throws Exception {
        Model model = direct.repository().insert(draft("doomed", "c")).model();
        CompletableFuture<Void> cut = proxy.cutAfterClientSends(TcpProxy.mysqlQuery("commit"));

        Throwable thrown = catchThrowable(() -> proxied.repository().delete(model.id(), VersionPrecondition.exactly(1)));

        cut.get(10, TimeUnit.SECONDS);
        assertThat(thrown).isInstanceOfSatisfying(WriteOutcomeUnknownException.class, unknown -> assertThat(unknown.invalidation().invalidation())
                .isEqualTo(new Invalidation(Set.of(model.id()), Set.of(new Category("c")))));
        assertThat(direct.repository().findById(model.id())).isEmpty();
    }

    @Test
    void givenConnectionLostBeforeCommit_whenUpdate_thenUnavailable_andNothingChanged() throws Exception {
        Model model = direct.repository().insert(draft("before", "c")).model();
        direct.outbox().delivered(direct.outbox().pending(10).entries().stream().map(PendingInvalidation::id).toList());
        CompletableFuture<Void> cut = proxy.cutAfterClientSends(queryStartingWith("update `models`"));

        Throwable thrown = catchThrowable(() -> proxied.repository().update(model.id(), 1, draft("after", "c")));

        cut.get(10, TimeUnit.SECONDS);
        assertThat(thrown).isInstanceOf(RepositoryUnavailableException.class).isNotInstanceOf(WriteOutcomeUnknownException.class);
        assertThat(direct.repository().findById(model.id())).contains(model);
        assertThat(direct.outbox().pending(10).entries()).isEmpty();
    }

    @Test
    void givenConnectionLostAtCommitOfAWriteThatChangedNothing_whenVersionMismatch_thenUnavailableNotUnknown() throws Exception {
        Model model = direct.repository().insert(draft("n", "c")).model();
        CompletableFuture<Void> cut = proxy.cutAfterClientSends(TcpProxy.mysqlQuery("commit"));

        Throwable thrown = catchThrowable(() -> proxied.repository().update(model.id(), 7, draft("lost", "c")));

        cut.get(10, TimeUnit.SECONDS);
        assertThat(thrown).isInstanceOf(RepositoryUnavailableException.class);
        assertThat(direct.repository().findById(model.id())).contains(model);
    }

    @Test
    void givenTheConnectionWasLostAtCommit_whenTheNextWriteRuns_thenItSucceedsOnAFreshConnection() throws Exception {
        Model model = direct.repository().insert(draft("n", "c")).model();
        proxy.cutAfterClientSends(TcpProxy.mysqlQuery("commit"));
        catchThrowable(() -> proxied.repository().update(model.id(), 1, draft("n2", "c")));

        assertThat(proxied.repository().update(model.id(), 2, draft("n3", "c"))).isNotNull();
        assertThat(direct.repository().findById(model.id()).orElseThrow().version()).isEqualTo(3);
    }

    /** A COM_QUERY packet whose SQL starts with {@code prefix}, ignoring case (TcpProxy.mysqlQuery matches whole statements). */
    private static Predicate<byte[]> queryStartingWith(String prefix) {
        return chunk -> chunk.length > 5 && chunk[3] == 0 && chunk[4] == 0x03
                && new String(chunk, 5, chunk.length - 5, StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT).startsWith(prefix);
    }
}
