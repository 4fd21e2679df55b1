package io.aside.bootstrap.consistency;

import static io.aside.bootstrap.e2e.ModelJson.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.bootstrap.e2e.Figures;
import io.aside.domain.model.ModelId;
import io.aside.testing.HttpReply;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same herd as {@link ThunderingHerdScenario}, on the same two instances and Redis, but without the
 * lease: it shows the herd is real (so one load there is the lease's doing, not the test's timing).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HerdWithoutLeasesBaselineTest {
    @RegisterExtension
    static final TwoInstances services = new TwoInstances(new WithoutLeases());

    @Test
    void givenColdKeyAndNoLeases_whenHundredReadersOnTwoInstances_thenMostOfThemLoadFromTheDatabase() {
        HttpReply created = services.a().http().post("/models", model("unprotected lamp", "baseline"));
        ModelId id = new ModelId(created.json().get("id").asLong());
        // Longer than the herd takes to arrive (a few hundred ms on a small machine): without leases,
        // every reader that arrives before the first fill loads too, and all of them arrive before it.
        services.both().forEach(i -> i.repository().slowDown(id, Duration.ofSeconds(1)));

        Herd.Result<HttpReply> herd = Herd.run(ThunderingHerdScenario.READERS,
                i -> (i % 2 == 0 ? services.a() : services.b()).http().get("/models/" + id), Duration.ofSeconds(15));

        Figures.report("herd", "baseline without leases (plain cache-aside), cold model, %d concurrent readers over 2 instances:"
                + " %d database loads", ThunderingHerdScenario.READERS, services.loadsOf(id));
        assertThat(herd.answers()).extracting(HttpReply::status).containsOnly(200);
        assertThat(services.loadsOf(id)).as(services::cacheCounters).isGreaterThan(ThunderingHerdScenario.READERS / 2);
    }
}
