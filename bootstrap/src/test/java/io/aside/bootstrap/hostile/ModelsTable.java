package io.aside.bootstrap.hostile;

import io.aside.bootstrap.AsideConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code models} table read directly over JDBC, behind the service's back, to see what really
 * reached the database. One connection, opened from the service's own configuration.
 */
final class ModelsTable implements AutoCloseable {
    private static final int QUERY_TIMEOUT_SECONDS = 5;

    private final Connection connection;

    ModelsTable(AsideConfig config) {
        try {
            // UTF-8 on the wire, so strings compare exactly; HEX() below checks the stored bytes themselves.
            String url = config.database().url() + (config.database().url().contains("?") ? "&" : "?")
                    + "characterEncoding=UTF-8&connectTimeout=5000&socketTimeout=10000";
            this.connection = DriverManager.getConnection(url, config.database().user(), config.database().password());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open " + config.database(), e);
        }
    }

    /** Every column of every row, ordered by id, as the driver renders each value as text. */
    record Snapshot(List<String> columns, List<List<String>> rows) {
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(columns.toString());
            rows.forEach(row -> text.append("\n  ").append(row));
            return text.toString();
        }
    }

    /** One row's text columns, with the stored bytes (HEX) and the lengths the database counts. */
    record StoredRow(String name, String category, String attributes, String nameHex, String categoryHex,
                     int nameLength, int categoryLength, long version) {}

    Snapshot snapshot() {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rows = statement.executeQuery("SELECT * FROM models ORDER BY id")) {
                ResultSetMetaData meta = rows.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) columns.add(meta.getColumnName(i));
                List<List<String>> values = new ArrayList<>();
                while (rows.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) row.add(rows.getString(i));
                    values.add(row);
                }
                return new Snapshot(List.copyOf(columns), List.copyOf(values));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the models table", e);
        }
    }

    Optional<StoredRow> row(long id) {
        String sql = "SELECT name, category, attributes, HEX(name), HEX(category), CHAR_LENGTH(name), CHAR_LENGTH(category), version"
                + " FROM models WHERE id = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) return Optional.empty();
                return Optional.of(new StoredRow(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(5), rows.getInt(6), rows.getInt(7), rows.getLong(8)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read model " + id, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a test connection; nothing to recover
        }
    }
}
