package io.aside.bootstrap.consistency;

import static io.aside.bootstrap.e2e.Http.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aside.bootstrap.consistency.CacheProbe.Peeked.Kind;
import io.aside.bootstrap.e2e.Http;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.model.ModelId;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/**
 * DESIGN §3 read step 4: a reader that finds a lease whose holder died waits a bounded time, then
 * reads the database without filling; once the lease expires the next reader fills the key again.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LostLeaseHolderTest {
    /** The production policy's (CachePolicy.defaults). */
    private static final Duration WAIT_BUDGET = Duration.ofSeconds(2);
    private static final Duration LEASE_TTL = Duration.ofSeconds(3);

    @RegisterExtension
    static final TwoInstances services = new TwoInstances();

    @Test
    void givenLeaseHolderThatNeverFills_whenRead_thenDatabaseAnswersWithinWaitBudgetAndNothingIsFilled() {
        Http.Reply created = services.a().http().post("/models", model("orphaned", "leases"));
        ModelId id = new ModelId(created.json().get("id").asLong());
        ModelKey key = new ModelKey(id);
        services.probe().takeLease(key, LEASE_TTL);

        long start = System.nanoTime();
        Http.Reply read = services.a().http().get("/models/" + id);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(created.json());
        assertThat(read.header("X-Cache")).isEqualTo("MISS");
        assertThat(elapsed).as("waited for the lease holder, but boundedly")
                .isGreaterThan(WAIT_BUDGET.minusMillis(300)).isLessThan(WAIT_BUDGET.plusSeconds(1));
        assertThat(services.loadsOf(id)).isEqualTo(1);
        assertThat(services.probe().peek(key).kind()).as("the orphaned lease still holds the key: no fill").isEqualTo(Kind.LEASED);

        await().atMost(LEASE_TTL.plusSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> services.probe().peek(key).kind() == Kind.EMPTY);

        Http.Reply refill = services.b().http().get("/models/" + id);
        Http.Reply hit = services.a().http().get("/models/" + id);
        assertThat(refill.header("X-Cache")).isEqualTo("MISS");
        assertThat(hit.header("X-Cache")).isEqualTo("HIT");
        assertThat(hit.json()).isEqualTo(created.json());
        assertThat(services.loadsOf(id)).isEqualTo(2);
    }
}
