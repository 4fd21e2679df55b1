package io.aside.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code aside migrate}: the schema on an empty MariaDB database, without a cache or an HTTP server. */
class MigrateCommandTest {
    @Test
    void givenEmptyDatabaseAndUnreachableRedis_whenMigratedTwice_thenTheSchemaIsThereAndNothingElseWasNeeded() throws Exception {
        AsideConfig production = Services.productionConfig();
        AsideConfig redisNowhere = production.withCacheUrl("redis://127.0.0.1:1");

        AsideService.migrate(redisNowhere);
        AsideService.migrate(redisNowhere);

        List<String> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(production.dbUrl(), production.dbUser(), production.dbPassword());
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name")) {
            while (rs.next()) tables.add(rs.getString(1));
        }
        assertThat(tables).containsExactly("cache_outbox", "cache_outbox_quarantine", "DATABASECHANGELOG", "DATABASECHANGELOGLOCK", "models");
    }
}
