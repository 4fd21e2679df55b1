package io.aside.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.testing.MariaDbServer;
import io.aside.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The contract on a real MariaDB 10.11 through MySQL Connector/J, the production pairing. */
class MariaDbModelRepositoryTest extends ModelRepositoryContract {
    @Override
    DatabaseSettings freshDatabase() {
        MariaDbServer server = TestServers.mariaDb();
        return new DatabaseSettings(server.freshDatabaseUrl(), server.user(), server.password());
    }

    @Override
    String utcNowQuery() {
        return "select concat(utc_timestamp(6), '')";
    }

    @Test
    void givenMigratedDatabase_thenModelsIsUtf8mb4WithBinaryCollation() throws SQLException {
        try (Connection c = database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select table_collation from information_schema.tables"
                     + " where table_schema = database() and table_name = 'models'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("utf8mb4_bin");
        }
    }

    @Test
    void givenConnection_thenSessionRunsInUtc() throws SQLException {
        try (Connection c = database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select @@session.time_zone, timestampdiff(second, utc_timestamp(), now())")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("+00:00");
            assertThat(rs.getLong(2)).isZero();
        }
    }
}
