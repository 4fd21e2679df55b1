package io.aside.bootstrap.faults;

import static io.aside.bootstrap.e2e.ModelJson.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aside.bootstrap.e2e.Services;
import io.aside.bootstrap.e2e.WriterAndReader;
import io.aside.testing.ApiClient;
import io.aside.testing.HttpReply;
import io.aside.testing.MariaDbServer;
import io.aside.testing.TcpProxy;
import io.aside.testing.TestServers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A connection lost while a write is committing: the database got the COMMIT, the service never
 * got its answer. The service cannot know whether the write happened, so it must not say "nothing
 * changed": it answers 503 with a problem type saying the outcome is unknown, and delivers the
 * write's invalidation anyway, so that neither instance serves the replaced value if it did commit.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommitOutcomeUnknownTest {
    @AutoClose
    private static TcpProxy writersPathToTheDatabase;

    @RegisterExtension
    static final WriterAndReader services = new WriterAndReader(Services::productionConfig, config -> {
        MariaDbServer db = TestServers.mariaDb();
        writersPathToTheDatabase = TcpProxy.start(db.host(), db.port());
        return config.withDbUrl(config.database().url().replace(db.host() + ":" + db.port(),
                writersPathToTheDatabase.host() + ":" + writersPathToTheDatabase.port()));
    });

    @Test
    void givenTheConnectionLostDuringCommit_whenUpdating_thenOutcomeUnknownAndTheReplacedValueIsNotServed() {
        long id = services.writerHttp().post("/models", model("before", "uncertain")).json().get("id").asLong();
        for (ApiClient http : new ApiClient[] {services.writerHttp(), services.readerHttp()}) {
            http.get("/models/" + id);
            assertThat(http.get("/models/" + id).header("X-Cache")).isEqualTo("HIT");
        }
        var cut = writersPathToTheDatabase.cutAfterClientSends(TcpProxy.mysqlQuery("commit"));

        HttpReply answer = services.writerHttp().put("/models/" + id, "{\"name\":\"after\",\"category\":\"uncertain\",\"attributes\":{},\"version\":1}");

        assertThat(cut).as("the COMMIT reached the database and its answer was lost").isDone();
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asText()).isEqualTo("https://aside.dev/problems/write-outcome-unknown");
        assertThat(answer.json().get("detail").asText()).contains("may or may not");
        // It did commit: the database processed the COMMIT it received.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(services.readerHttp().get("/models/" + id).json().get("name").asText()).isEqualTo("after"));
        for (ApiClient http : new ApiClient[] {services.writerHttp(), services.readerHttp()}) {
            HttpReply read = http.get("/models/" + id);
            assertThat(read.json().get("name").asText()).isEqualTo("after");
            assertThat(read.header("ETag")).isEqualTo("\"2\"");
        }
        assertThat(services.writerHttp().get("/health").json().get("status").asText()).as("the writer recovered its pool").isEqualTo("UP");
    }
}
