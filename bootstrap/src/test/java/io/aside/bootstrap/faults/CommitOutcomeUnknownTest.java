package io.aside.bootstrap.faults;

import static io.aside.bootstrap.e2e.Http.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import io.aside.bootstrap.e2e.Http;
import io.aside.bootstrap.e2e.Services;
import io.aside.testing.MariaDbServer;
import io.aside.testing.TcpProxy;
import io.aside.testing.TestServers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connection lost while a write is committing: the database got the COMMIT, the service never
 * got its answer. The service cannot know whether the write happened, so it must not say "nothing
 * changed": it answers 503 with a problem type saying the outcome is unknown, and delivers the
 * write's invalidation anyway, so that neither instance serves the replaced value if it did commit.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommitOutcomeUnknownTest {
    private static TcpProxy writersPathToTheDatabase;
    private static AsideService writer;
    private static AsideService reader;
    private static Http writerHttp;
    private static Http readerHttp;

    @BeforeAll
    static void boot() {
        MariaDbServer db = TestServers.mariaDb();
        AsideConfig direct = Services.productionConfig();
        writersPathToTheDatabase = TcpProxy.start(db.host(), db.port());
        String proxied = direct.dbUrl().replace(db.host() + ":" + db.port(),
                writersPathToTheDatabase.host() + ":" + writersPathToTheDatabase.port());
        writer = AsideService.start(new AsideConfig(0, proxied, direct.dbUser(), direct.dbPassword(), direct.cacheUrl(),
                direct.cacheTtl(), direct.cacheNamespace(), direct.cacheTimeout(), direct.cacheWriteTimeout(), direct.readDeadline(),
                direct.fallbackWindow()));
        reader = AsideService.start(direct);
        writerHttp = new Http(writer.port());
        readerHttp = new Http(reader.port());
    }

    @AfterAll
    static void stop() {
        if (reader != null) reader.close();
        if (writer != null) writer.close();
        if (writersPathToTheDatabase != null) writersPathToTheDatabase.close();
    }

    @Test
    void givenTheConnectionLostDuringCommit_whenUpdating_thenOutcomeUnknownAndTheReplacedValueIsNotServed() {
        long id = writerHttp.post("/models", model("before", "uncertain")).json().get("id").asLong();
        for (Http http : new Http[] {writerHttp, readerHttp}) {
            http.get("/models/" + id);
            assertThat(http.get("/models/" + id).header("X-Cache")).isEqualTo("HIT");
        }
        var cut = writersPathToTheDatabase.cutAfterClientSends(TcpProxy.mysqlQuery("commit"));

        Http.Reply answer = writerHttp.put("/models/" + id, "{\"name\":\"after\",\"category\":\"uncertain\",\"attributes\":{},\"version\":1}");

        assertThat(cut).as("the COMMIT reached the database and its answer was lost").isDone();
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asText()).isEqualTo("https://aside.dev/problems/write-outcome-unknown");
        assertThat(answer.json().get("detail").asText()).contains("may or may not");
        // It did commit: the database processed the COMMIT it received.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(readerHttp.get("/models/" + id).json().get("name").asText()).isEqualTo("after"));
        for (Http http : new Http[] {writerHttp, readerHttp}) {
            Http.Reply read = http.get("/models/" + id);
            assertThat(read.json().get("name").asText()).isEqualTo("after");
            assertThat(read.header("ETag")).isEqualTo("\"2\"");
        }
        assertThat(writerHttp.get("/health").json().get("status").asText()).as("the writer recovered its pool").isEqualTo("UP");
    }
}
