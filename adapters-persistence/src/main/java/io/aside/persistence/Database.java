package io.aside.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.aside.domain.port.InvalidationOutbox;
import io.aside.domain.port.ModelRepository;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The persistence adapter as bootstrap sees it: one connection pool, the schema migration and the
 * {@link ModelRepository} on top. Open it once per process and close it on shutdown.
 */
public final class Database implements AutoCloseable {
    /** Statements that take longer than this give up: bounded latency when the database is slow. */
    static final int QUERY_TIMEOUT_SECONDS = 10;

    static {
        // jOOQ prints a logo and a "tip of the day" on first use; nobody wants them in service logs.
        System.setProperty("org.jooq.no-logo", System.getProperty("org.jooq.no-logo", "true"));
        System.setProperty("org.jooq.no-tips", System.getProperty("org.jooq.no-tips", "true"));
    }

    private final HikariDataSource dataSource;
    private final JooqModelRepository repository;
    private final JooqInvalidationOutbox outbox;

    private Database(HikariDataSource dataSource, DatabaseKind kind) {
        this.dataSource = dataSource;
        Settings settings = new Settings().withQueryTimeout(QUERY_TIMEOUT_SECONDS).withExecuteLogging(false);
        DSLContext dsl = DSL.using(dataSource, kind.dialect(), settings);
        DatabaseBreaker breaker = new DatabaseBreaker(); // one database, one breaker for all its callers
        this.repository = new JooqModelRepository(dsl, breaker, kind);
        this.outbox = new JooqInvalidationOutbox(dsl, breaker, kind);
    }

    /**
     * Creates the pool without connecting: a database that is down at start makes calls fail with
     * {@link io.aside.domain.port.RepositoryUnavailableException} (within about two seconds) rather than
     * preventing the start.
     */
    public static Database open(DatabaseSettings settings) {
        DatabaseKind kind = DatabaseKind.of(settings.url());
        return new Database(ConnectionPool.open(settings, kind), kind);
    }

    public ModelRepository repository() {
        return repository;
    }

    /** The invalidations recorded by the repository's writes and not yet delivered. */
    public InvalidationOutbox outbox() {
        return outbox;
    }

    /**
     * Applies the changelog; a no-op when the schema is current.
     *
     * @throws io.aside.domain.port.RepositoryUnavailableException when the database cannot be reached
     */
    public void migrate() {
        new Migrations(dataSource).run();
    }

    /** The pooled connections, for health checks or tools that need plain JDBC. */
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
