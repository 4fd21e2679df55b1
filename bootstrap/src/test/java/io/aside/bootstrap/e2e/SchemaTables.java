package io.aside.bootstrap.e2e;

import io.aside.bootstrap.AsideConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The tables of a configuration's MySQL/MariaDB database, read with plain JDBC, by name. */
final class SchemaTables {
    private SchemaTables() {}

    static List<String> of(AsideConfig config) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(config.database().url(), config.database().user(), config.database().password());
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name")) {
            while (rs.next()) tables.add(rs.getString(1));
        }
        return tables;
    }
}
