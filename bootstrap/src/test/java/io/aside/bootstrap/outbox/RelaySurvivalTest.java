package io.aside.bootstrap.outbox;

import static io.aside.bootstrap.e2e.ModelJson.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import io.aside.testing.ApiClient;
import io.aside.testing.MariaDbServer;
import io.aside.testing.Scrape;
import io.aside.testing.TestServers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DESIGN §3.1, "background work never dies": the outbox relay outlives errors that are not outages.
 * A corrupt row is set aside and counted, and the entries behind it are still delivered; a database
 * that turns read-only (a failover to a replica, an operator) makes every pass fail at its delete,
 * and the relay goes on and drains the outbox once the database is writable again.
 * On a MariaDB of its own, since read-only is a server-wide switch.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RelaySurvivalTest {
    private static MariaDbServer db;
    private static Sql root;
    private static AsideService service;
    private static ApiClient http;

    @BeforeAll
    static void boot() {
        db = TestServers.dedicatedMariaDb();
        String url = db.freshDatabaseUrl();
        String database = url.substring(url.lastIndexOf('/') + 1);
        root = new Sql(url, db.user(), db.password());
        // A service account, as in production: without the privilege to write to a read-only server.
        root.execute("CREATE USER 'aside'@'%' IDENTIFIED BY 'aside'", "GRANT ALL ON `" + database + "`.* TO 'aside'@'%'");
        AsideConfig config = AsideConfig.defaultsOn(url, "aside", "aside", TestServers.redis().url(), TestServers.redis().freshNamespace());
        service = AsideService.start(config);
        http = new ApiClient(service.port());
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
        if (db != null) db.close();
    }

    @Test
    void givenACorruptOutboxRow_whenTheRelayMeetsIt_thenItIsSetAsideAndTheEntriesBehindItAreDelivered() {
        long id = cached("behind the corrupt row", "corrupt");
        double setAsideBefore = metric("aside_outbox_set_aside_total");
        root.execute("INSERT INTO cache_outbox (invalidation, created_at) VALUES ('{not json', UTC_TIMESTAMP(6))");
        root.updateWithoutDelivering(id, "after", "corrupt");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(http.get("/models/" + id).json().get("name").asText()).isEqualTo("after"));
        await().atMost(Duration.ofSeconds(5)).until(() -> root.count("cache_outbox") == 0);
        assertThat(root.count("cache_outbox_quarantine")).as("the corrupt row, kept for an operator").isEqualTo(1);
        assertThat(metric("aside_outbox_set_aside_total") - setAsideBefore).isEqualTo(1);
    }

    @Test
    void givenTheDatabaseTurnsReadOnly_whenTheRelayCannotDeleteWhatItDelivered_thenItGoesOnAndDrainsOnceWritable() {
        long id = cached("before read-only", "read-only");
        double errorsBefore = metric("aside_outbox_relay_errors_total", "reason=\"unexpected\"");
        root.execute("SET GLOBAL read_only = ON");
        try {
            root.updateWithoutDelivering(id, "after", "read-only"); // root may still write: it holds READ ONLY ADMIN
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(metric("aside_outbox_relay_errors_total", "reason=\"unexpected\"")).isGreaterThan(errorsBefore + 1));
            assertThat(http.get("/models/" + id).json().get("name").asText()).as("delivered, though not yet deleted").isEqualTo("after");
            assertThat(root.count("cache_outbox")).isEqualTo(1);
        } finally {
            root.execute("SET GLOBAL read_only = OFF");
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> root.count("cache_outbox") == 0);
        assertThat(http.get("/models/" + id).json().get("name").asText()).isEqualTo("after");
        assertThat(http.get("/models/" + id).header("X-Cache")).isEqualTo("HIT");
    }

    private static long cached(String name, String category) {
        long id = http.post("/models", model(name, category)).json().get("id").asLong();
        http.get("/models/" + id);
        assertThat(http.get("/models/" + id).header("X-Cache")).isEqualTo("HIT");
        return id;
    }

    private static double metric(String name, String... labels) {
        return Scrape.of(http).sum(name, labels);
    }
}
