package io.aside.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract on a real MariaDB 10.11 through MySQL Connector/J, the production pairing. */
class MariaDbModelRepositoryTest extends ModelRepositoryContract {
    @Override
    DatabaseSettings freshDatabase() {
        return TestDatabases.mariaDb();
    }

    @Override
    String utcNowQuery() {
        return "select concat(utc_timestamp(6), '')";
    }

    @Test
    void givenMigratedDatabase_thenEveryTableIsUtf8mb4WithBinaryCollation() throws SQLException {
        Map<String, String> collations = new HashMap<>();
        try (Connection c = database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select table_name, table_collation from information_schema.tables"
                     + " where table_schema = database() and table_name not like 'DATABASECHANGELOG%'")) {
            while (rs.next()) collations.put(rs.getString(1), rs.getString(2));
        }
        assertThat(collations).containsOnly(Map.entry("models", "utf8mb4_bin"), Map.entry("cache_outbox", "utf8mb4_bin"),
                Map.entry("cache_outbox_quarantine", "utf8mb4_bin"));
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
