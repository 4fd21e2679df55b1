package io.aside.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Builds the HikariCP pool: small, and quick to give up on a database that does not answer. */
final class ConnectionPool {
    private ConnectionPool() {}

    static final int MAX_SIZE = 10;
    static final long CONNECTION_TIMEOUT_MILLIS = 2_000;

    static HikariDataSource open(DatabaseSettings settings, DatabaseKind kind) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("aside-db");
        config.setJdbcUrl(kind.jdbcUrl(settings.url()));
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        kind.driverProperties(settings.url()).forEach(config::addDataSourceProperty);
        config.setMaximumPoolSize(MAX_SIZE);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(1_000);
        // Start even when the database is down: reads of cached models keep answering and /health
        // reports the database, instead of the whole service refusing to boot.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
