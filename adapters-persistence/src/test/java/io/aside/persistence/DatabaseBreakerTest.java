package io.aside.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.port.RepositoryUnavailableException;
import io.aside.domain.port.WriteOutcomeUnknownException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DatabaseBreakerTest {
    private final DatabaseBreaker breaker = new DatabaseBreaker();

    @Test
    void givenWritesLostAtCommit_thenTheyCountAsDatabaseFailuresAndPassThroughUnchanged() {
        PendingInvalidation recorded = new PendingInvalidation(7, new Invalidation(Set.of(), Set.of()));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> breaker.call(() -> {
                throw new WriteOutcomeUnknownException("lost at commit", recorded, new SQLException("link failure", "08007"));
            })).isInstanceOfSatisfying(WriteOutcomeUnknownException.class, e -> assertThat(e.invalidation()).isEqualTo(recorded));
        }

        AtomicInteger ran = new AtomicInteger();
        assertThatThrownBy(() -> breaker.call(ran::incrementAndGet))
                .isInstanceOf(RepositoryUnavailableException.class)
                .hasMessageContaining("retrying shortly");
        assertThat(ran).hasValue(0);
    }

    @Test
    void givenBugs_thenTheBreakerStaysClosed() {
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> breaker.call(() -> {
                throw new IllegalStateException("a bug, not an outage");
            })).isInstanceOf(IllegalStateException.class);
        }

        assertThat(breaker.call(() -> "answered")).isEqualTo("answered");
    }
}
