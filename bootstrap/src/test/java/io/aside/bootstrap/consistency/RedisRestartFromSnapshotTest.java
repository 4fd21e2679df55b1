package io.aside.bootstrap.consistency;

import static io.aside.bootstrap.e2e.ModelJson.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.bootstrap.e2e.Figures;
import io.aside.testing.HttpReply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DESIGN §3.2, cache epochs: a Redis that snapshots (Debian's default configuration) takes a
 * snapshot while models and a list are cached, the models are then updated (the writes answer, their
 * invalidations delivered), and Redis is killed and restarted: it loads the snapshot, which holds
 * every replaced value. Neither instance may serve one of them, nor the old list.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisRestartFromSnapshotTest {
    private static final int MODELS = 10;
    private static final String CATEGORY = "snapshot";

    @RegisterExtension
    static final TwoInstances services = TwoInstances.onOwnPersistentRedis();

    @Test
    void givenSnapshotTakenBeforeWritesAnswered_whenRedisRestartsFromIt_thenNoInstanceServesAReplacedValue() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < MODELS; i++) ids.add(services.a().http().post("/models", model("old " + i, CATEGORY)).json().get("id").asLong());
        for (Instance instance : services.both()) {
            for (long id : ids) instance.http().get("/models/" + id);
            instance.http().list(CATEGORY, 20);
        }
        assertThat(services.b().http().get("/models/" + ids.get(0)).header("X-Cache")).as("cached before the snapshot").isEqualTo("HIT");
        assertThat(services.b().http().list(CATEGORY, 20).header("X-Cache")).isEqualTo("HIT");

        services.redis().command("SAVE");
        for (long id : ids) {
            HttpReply updated = services.b().http().put("/models/" + id,
                    "{\"name\":\"new\",\"category\":\"" + CATEGORY + "\",\"attributes\":{},\"version\":1}");
            assertThat(updated.status()).isEqualTo(200);
        }
        services.redis().kill();
        services.redis().start();

        int reads = 0;
        int stale = 0;
        for (int round = 0; round < 2; round++) {
            for (Instance instance : services.both()) {
                for (long id : ids) {
                    HttpReply read = instance.http().get("/models/" + id);
                    assertThat(read.status()).isEqualTo(200);
                    reads++;
                    if (!read.json().get("name").asText().equals("new")) stale++;
                }
                HttpReply list = instance.http().list(CATEGORY, 20);
                reads++;
                if (list.json().get("items").findValuesAsText("name").stream().anyMatch(name -> !name.equals("new"))) stale++;
            }
        }

        Figures.report("epochs", "Redis restarted from a snapshot older than %d answered writes: %d stale of %d reads on 2 instances",
                MODELS, stale, reads);
        assertThat(stale).as("reads that served a value replaced before the restart").isZero();
        assertThat(services.a().http().get("/models/" + ids.get(0)).header("X-Cache")).as("caching again in the new life").isEqualTo("HIT");
        assertThat(epochChanges(services.a()) + epochChanges(services.b())).as("both instances noticed the new life").isGreaterThanOrEqualTo(2);
    }

    private static double epochChanges(Instance instance) {
        return instance.http().get("/metrics").text().lines()
                .filter(line -> line.startsWith("aside_cache_epoch_changes_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .sum();
    }
}
