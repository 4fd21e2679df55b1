package io.aside.bootstrap.faults;

import io.aside.bootstrap.AsideConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Every row of the tables a write touches (the models and the outbox of invalidations), read with
 * plain JDBC behind the service's back, to compare before and after.
 */
final class StoredRows {
    private StoredRows() {}

    static List<List<String>> of(AsideConfig config) {
        List<List<String>> rows = new ArrayList<>(rows(config, "models"));
        rows.addAll(rows(config, "cache_outbox"));
        return rows;
    }

    private static List<List<String>> rows(AsideConfig config, String table) {
        try (Connection c = DriverManager.getConnection(config.database().url(), config.database().user(), config.database().password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
            ResultSetMetaData meta = rs.getMetaData();
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>(List.of(table));
                for (int column = 1; column <= meta.getColumnCount(); column++) {
                    row.add(meta.getColumnName(column) + "=" + rs.getString(column));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read table " + table, e);
        }
    }
}
