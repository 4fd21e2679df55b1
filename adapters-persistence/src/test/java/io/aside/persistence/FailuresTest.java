package io.aside.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.port.RepositoryUnavailableException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void givenPoolTimeout_thenUnavailable() {
        assertThat(Failures.translate(wrapped(new SQLTransientConnectionException("pool timed out"))))
                .isInstanceOf(RepositoryUnavailableException.class);
    }

    @Test
    void givenQueryTimeout_thenUnavailable() {
        assertThat(Failures.translate(wrapped(new SQLTimeoutException("statement cancelled"))))
                .isInstanceOf(RepositoryUnavailableException.class);
    }

    @Test
    void givenConnectionStateClass08_thenUnavailable() {
        assertThat(Failures.translate(wrapped(new SQLException("link failure", "08S01"))))
                .isInstanceOf(RepositoryUnavailableException.class);
    }

    @Test
    void givenRefusedSocketDeepInTheChain_thenUnavailable() {
        SQLException driver = new SQLException("cannot connect", "HY000", new ConnectException("Connection refused"));
        assertThat(Failures.translate(wrapped(driver))).isInstanceOf(RepositoryUnavailableException.class);
    }

    @Test
    void givenSqlError_thenABugNotAnOutageAndNoJooqTypeEscapes() {
        RuntimeException translated = Failures.translate(wrapped(new SQLSyntaxErrorException("bad SQL", "42000")));

        assertThat(translated).isInstanceOf(IllegalStateException.class).isNotInstanceOf(DataAccessException.class);
    }

    private static DataAccessException wrapped(SQLException cause) {
        return new DataAccessException("jOOQ wrapper", cause);
    }
}
