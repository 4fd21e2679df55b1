package io.aside.bootstrap.outbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC behind the service's back: what an operator, a failover or a bug would do to the database. */
record Sql(String url, String user, String password) {
    void execute(String... statements) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            for (String statement : statements) s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + String.join("; ", statements), e);
        }
    }

    long count(String table) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count " + table, e);
        }
    }

    /**
     * Commits an update of a model and its outbox entry, as the repository does, and nothing else:
     * a writer that died between its commit and its delivery.
     */
    void updateWithoutDelivering(long id, String newName, String category) {
        execute("UPDATE models SET name = '" + newName + "', version = version + 1 WHERE id = " + id,
                "INSERT INTO cache_outbox (invalidation, created_at) VALUES ('{\"models\":[" + id + "],\"categories\":[\""
                        + category + "\"]}', UTC_TIMESTAMP(6))");
    }
}
