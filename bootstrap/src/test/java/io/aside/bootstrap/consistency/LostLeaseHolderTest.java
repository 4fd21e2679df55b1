package io.aside.bootstrap.consistency;

import static io.aside.bootstrap.e2e.ModelJson.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.application.CachePolicy;
import io.aside.bootstrap.consistency.CacheProbe.Peeked.Kind;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.testing.HttpReply;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DESIGN §3.1: a lease lives only as long as its holder keeps extending it. A reader that finds the
 * lease of a holder that died waits while that lease lives — at most one lease TTL, since nobody
 * extends it — and then takes the key over: it loads, fills, and the next readers hit.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LostLeaseHolderTest {
    private static final Duration LEASE_TTL = CachePolicy.DEFAULT_LEASE_TTL;

    @RegisterExtension
    static final TwoInstances services = new TwoInstances();

    @Test
    void givenLeaseHolderThatDied_whenRead_thenTheReaderTakesOverOnceTheLeaseExpiresAndFills() {
        HttpReply created = services.a().http().post("/models", model("orphaned", "leases"));
        ModelId id = new ModelId(created.json().get("id").asLong());
        ModelKey key = new ModelKey(id);
        services.probe().takeLease(key, LEASE_TTL);
        long leased = System.nanoTime();

        HttpReply read = services.a().http().get("/models/" + id);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - leased);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(created.json());
        assertThat(read.header("X-Cache")).isEqualTo("MISS");
        assertThat(elapsed).as("waited for the dead holder's lease to run out, not longer")
                .isGreaterThan(LEASE_TTL.minusMillis(300)).isLessThan(LEASE_TTL.plusSeconds(1));
        assertThat(services.loadsOf(id)).isEqualTo(1);
        CacheProbe.Peeked<Presence<Model>> filled = services.probe().peek(key);
        assertThat(filled.kind()).as("the reader that took over filled the key").isEqualTo(Kind.VALUE);

        HttpReply hit = services.b().http().get("/models/" + id);
        assertThat(hit.header("X-Cache")).isEqualTo("HIT");
        assertThat(hit.json()).isEqualTo(created.json());
        assertThat(services.loadsOf(id)).isEqualTo(1);
    }
}
