package io.aside.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import org.junit.jupiter.api.Test;

/** {@code aside migrate}: the schema on an empty MariaDB database, without a cache or an HTTP server. */
class MigrateCommandTest {
    @Test
    void givenEmptyDatabaseAndUnreachableRedis_whenMigratedTwice_thenTheSchemaIsThereAndNothingElseWasNeeded() throws Exception {
        AsideConfig production = Services.productionConfig();
        AsideConfig redisNowhere = production.withCacheUrl("redis://127.0.0.1:1");

        AsideService.migrate(redisNowhere);
        AsideService.migrate(redisNowhere);

        assertThat(SchemaTables.of(production)).containsExactly("cache_outbox", "cache_outbox_quarantine", "DATABASECHANGELOG", "DATABASECHANGELOGLOCK", "models");
    }
}
