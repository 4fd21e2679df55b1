package io.aside.persistence;

import java.sql.Connection;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.core.H2Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Brings the schema up to date by applying the Liquibase changelog. Idempotent: change sets already
 * applied are skipped, and Liquibase's lock table keeps two instances starting together apart.
 */
final class Migrations {
    static final String CHANGELOG = "db/changelog/aside-changelog.yaml";

    /**
     * Liquibase logs every step at INFO through java.util.logging and prints its progress on stdout.
     * Held in a field because java.util.logging keeps only weak references to loggers (a level set
     * on a collected logger is lost). A level configured elsewhere is left alone.
     */
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

    static {
        if (LIQUIBASE_LOG.getLevel() == null) LIQUIBASE_LOG.setLevel(Level.WARNING);
    }

    private final DataSource dataSource;

    Migrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void run() {
        try (Connection connection = dataSource.getConnection()) {
            Scope.child(liquibaseScope(), () -> update(connection));
        } catch (Exception e) {
            throw Failures.translate(e);
        }
    }

    private static void update(Connection connection) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        if (database instanceof H2Database) {
            database = new LowerCaseH2Database();
            database.setConnection(new JdbcConnection(connection));
        }
        new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                .execute();
    }

    private static Map<String, Object> liquibaseScope() {
        return Map.of(
                // Take the schema name as the connection reports it ('public' on lower-case H2).
                GlobalConfiguration.PRESERVE_SCHEMA_CASE.getKey(), true,
                // Progress messages go to the (quiet) log instead of stdout.
                Scope.Attr.ui.name(), new LoggerUIService(),
                // No usage reporting from a service's start-up.
                AnalyticsArgs.ENABLED.getKey(), false,
                Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()));
    }
}
