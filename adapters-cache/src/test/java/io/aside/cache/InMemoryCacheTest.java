package io.aside.cache;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.cache.Lease;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Model;
import io.aside.domain.port.CachePort;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InMemoryCacheTest extends CachePortContract {
    @Override
    protected CachePort newCache() {
        return new InMemoryCache(10_000);
    }

    /** Expiry on a fake clock: hours pass in no time. */
    @Nested
    class OnAFakeClock {
        final AtomicLong now = new AtomicLong(1_000_000_000L);
        final InMemoryCache fake = new InMemoryCache(1_000, now::get);

        void pass(Duration duration) {
            now.addAndGet(duration.toNanos());
        }

        /** A new reader's lookup on the fake clock's cache. */
        Lookup<Presence<Model>> lookupOnFake(ModelKey key) {
            return fake.lookup(key, request(LEASE_TTL));
        }

        /** A lease on the fake clock's cache, lapsing after {@code leaseTtl} of its time. */
        Lease<Presence<Model>> leaseOnFake(ModelKey key, Duration leaseTtl) {
            return leaseOf(fake.lookup(key, request(leaseTtl)));
        }

        /** A 1 s lease, then 2 s pass: it has expired, and no one else has taken the key yet. */
        Lease<Presence<Model>> expiredLease(ModelKey key) {
            Lease<Presence<Model>> expired = leaseOnFake(key, Duration.ofSeconds(1));
            pass(Duration.ofSeconds(2));
            return expired;
        }

        @Test
        void givenOneHourTtl_whenJustUnderAnHourPasses_thenStillHit_andAfterAnHour_thenLeasedAgain() {
            fake.fill(leaseOnFake(key(1), LEASE_TTL), Presence.of(model(1, "c")), Duration.ofHours(1));

            pass(Duration.ofMinutes(59));
            assertThat(lookupOnFake(key(1))).isInstanceOf(Lookup.Hit.class);

            pass(Duration.ofMinutes(2));
            assertThat(lookupOnFake(key(1))).isInstanceOf(Lookup.Leased.class);
        }

        @Test
        void givenLeaseHeld_whenAForeignFillIsRefused_thenTheLeaseStillExpiresOnTime() {
            leaseOnFake(key(2), Duration.ofSeconds(10));
            pass(Duration.ofSeconds(9));

            fake.fill(new Lease<>(key(2), "foreign", 0), Presence.of(model(2, "c")), Duration.ofHours(1));
            pass(Duration.ofSeconds(2));

            assertThat(lookupOnFake(key(2))).isInstanceOf(Lookup.Leased.class);
        }

        @Test
        void givenLeaseExpired_whenHolderFillsLate_thenRefused() {
            Lease<Presence<Model>> late = expiredLease(key(3));

            assertThat(fake.fill(late, Presence.of(model(3, "c")), Duration.ofHours(1))).isFalse();
            assertThat(lookupOnFake(key(3))).isInstanceOf(Lookup.Leased.class);
        }

        @Test
        void givenLeaseExtended_whenItsOriginalTtlPasses_thenHeldUntilTheExtensionRunsOut() {
            Lease<Presence<Model>> lease = leaseOnFake(key(4), Duration.ofSeconds(1));
            pass(Duration.ofMillis(900));

            assertThat(fake.extend(lease, Duration.ofSeconds(10))).isTrue();
            pass(Duration.ofSeconds(9));
            assertThat(lookupOnFake(key(4))).isInstanceOf(Lookup.Busy.class);

            pass(Duration.ofSeconds(2));
            assertThat(lookupOnFake(key(4))).isInstanceOf(Lookup.Leased.class);
            assertThat(fake.fill(lease, Presence.of(model(4, "c")), Duration.ofHours(1))).isFalse();
        }

        @Test
        void givenLeaseExpired_whenExtended_thenFalseAndNotRevived() {
            Lease<Presence<Model>> lease = expiredLease(key(5));

            assertThat(fake.extend(lease, Duration.ofSeconds(10))).isFalse();
            assertThat(lookupOnFake(key(5))).isInstanceOf(Lookup.Leased.class);
        }
    }
}
