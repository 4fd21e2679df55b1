package io.aside.persistence;

import static io.aside.domain.model.ModelFixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import io.aside.domain.model.VersionPrecondition;
import io.aside.domain.port.ModelRepository;
import io.aside.domain.port.RepositoryUnavailableException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A database nobody listens for: every call fails within the pool's timeout with the port's
 * "unavailable" exception, and once the breaker has seen enough of that, at once.
 */
class UnreachableDatabaseTest {
    @Test
    void givenClosedPort_whenAnyCall_thenRepositoryUnavailableWithinAFewSeconds() throws IOException {
        try (Database database = Database.open(new DatabaseSettings("jdbc:mysql://127.0.0.1:" + closedPort() + "/aside", "u", "p"))) {
            ModelRepository repository = database.repository();
            // Concurrently, so that the suite pays the pool's connection timeout once, not per call.
            List<Runnable> calls = List.of(
                    repository::ping,
                    () -> repository.findById(new ModelId(1)),
                    () -> repository.findFirstByCategory(new Category("c"), 10),
                    () -> repository.insert(draft("n", "c")),
                    () -> repository.update(new ModelId(1), 1, draft("n", "c")),
                    () -> repository.delete(new ModelId(1), VersionPrecondition.any()),
                    database::migrate);

            ExecutorService threads = Executors.newFixedThreadPool(calls.size());
            try {
                long start = System.nanoTime();
                List<CompletableFuture<Void>> running = calls.stream().map(call -> CompletableFuture.runAsync(call, threads)).toList();
                for (CompletableFuture<Void> call : running) {
                    assertThatThrownBy(call::join).hasCauseInstanceOf(RepositoryUnavailableException.class);
                }
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

                // Most recent calls failed: the breaker now answers at once instead of waiting for the pool.
                long shed = System.nanoTime();
                assertThatThrownBy(() -> repository.findById(new ModelId(2))).isInstanceOf(RepositoryUnavailableException.class)
                        .hasMessageContaining("retrying shortly");
                assertThatThrownBy(() -> database.outbox().pending(10)).isInstanceOf(RepositoryUnavailableException.class);
                assertThatThrownBy(() -> database.outbox().oldestPending()).isInstanceOf(RepositoryUnavailableException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - shed)).isLessThan(Duration.ofMillis(200));
            } finally {
                threads.shutdownNow();
            }
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
