package io.aside.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import io.aside.bootstrap.ConfigException;
import io.aside.bootstrap.InProcessCacheConfig;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The in-process cache cannot see writes of other instances: with a database that instances share
 * (MySQL/MariaDB), it would serve their replaced values. Aside refuses that wiring at start, with one
 * line naming both variables; {@code migrate}, which uses no cache, still runs.
 */
class InProcessCacheWithSharedDatabaseTest {
    @Test
    void givenMemoryCacheAndMariaDb_whenStarted_thenRefusedWithOneLineNamingBothVariables() {
        AsideConfig config = Services.productionConfig().withCacheUrl(InProcessCacheConfig.URL);

        assertThatThrownBy(() -> AsideService.start(config).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ASIDE_CACHE_URL: ")
                .hasMessageContaining("ASIDE_DB_URL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(config.database().url()));
    }

    @Test
    void givenMemoryCacheAndMariaDbFromTheEnvironment_whenLoaded_thenMigrateIsStillAllowed() throws SQLException {
        AsideConfig production = Services.productionConfig();
        AsideConfig config = AsideConfig.from(Map.of("ASIDE_DB_URL", production.database().url(), "ASIDE_DB_USER", production.database().user())::get);

        assertThat(config.inMemoryCache()).as("the default cache").isTrue();

        AsideService.migrate(config);

        assertThat(SchemaTables.of(config)).contains("models", "cache_outbox");
    }

    @Test
    void givenTheEmbeddedDefaults_whenChecked_thenTheInProcessCacheIsAccepted() {
        assertThatCode(() -> AsideConfig.from(name -> null).requireCacheSharedLikeTheDatabase()).doesNotThrowAnyException();
    }
}
