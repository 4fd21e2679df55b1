package io.aside.bootstrap.e2e;

import static io.aside.bootstrap.e2e.ModelJson.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import io.aside.testing.ApiClient;
import io.aside.testing.HttpReply;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default (H2 file + in-process cache) serves with no configuration and keeps data across a restart. */
class EmbeddedDefaultsEndToEndTest {
    @TempDir
    Path dataDir;

    @Test
    void givenDefaults_whenRestarted_thenDataSurvives() {
        AsideConfig defaults = AsideConfig.from(Map.of("ASIDE_PORT", "0", "ASIDE_DB_URL", "jdbc:h2:file:" + dataDir.resolve("aside"))::get);
        assertThat(AsideConfig.from(name -> null).embeddedDatabase()).isTrue();

        long id;
        try (AsideService service = AsideService.start(defaults)) {
            ApiClient http = new ApiClient(service.port());
            id = http.post("/models", model("kept ✓", "durable")).json().get("id").asLong();
            assertThat(http.get("/models/" + id).header("X-Cache")).isEqualTo("MISS");
            assertThat(http.get("/models/" + id).header("X-Cache")).isEqualTo("HIT");
            assertThat(http.get("/health").json().get("status").asText()).isEqualTo("UP");
        }
        try (AsideService restarted = AsideService.start(defaults)) {
            ApiClient http = new ApiClient(restarted.port());
            HttpReply read = http.get("/models/" + id);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("name").asText()).isEqualTo("kept ✓");
            assertThat(read.header("X-Cache")).isEqualTo("MISS"); // the in-process cache starts empty
        }
    }
}
