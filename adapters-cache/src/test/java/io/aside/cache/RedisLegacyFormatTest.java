package io.aside.cache;

import static io.aside.cache.CachePortContract.key;
import static io.aside.cache.CachePortContract.leaseOf;
import static io.aside.cache.CachePortContract.request;
import static io.aside.domain.model.ModelFixtures.model;
import static io.aside.domain.model.ModelFixtures.page;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.cache.EntryKind;
import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.PageKey;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Entries written by the previous Aside release ({@code v{json}}, {@code t}, {@code l<token>}: no
 * life tag), as a rolling deploy meets them: treated as absent and overwritten by our lease, never
 * served, never an error.
 */
class RedisLegacyFormatTest {
    static final RedisServer SERVER = TestServers.redis();
    static final Duration LEASE_TTL = Duration.ofSeconds(10);
    static final Duration TTL = Duration.ofMinutes(5);

    final EntryCodecs codecs = new EntryCodecs();
    final RedisNamespace redis = RedisNamespace.fresh(SERVER);
    @AutoClose final RedisCache cache = new RedisCache(redis.unhurried());

    @Test
    void givenModelInThePreviousFormat_whenLookup_thenLeasedAndItsFillIsServedInsteadOfTheOldValue() {
        redis.plant(key(1), StoredFormat.Legacy.value(codecs.of(EntryKind.MODEL).encode(Presence.of(model(1, "old"))).body()), TTL);

        Lease<Presence<Model>> lease = leaseOf(cache.lookup(key(1), request(LEASE_TTL)));

        assertThat(redis.stored(key(1))).isEqualTo(StoredFormat.lease(redis.life(), lease.token()));
        assertThat(cache.fill(lease, Presence.of(model(1, "new")), TTL)).isTrue();
        assertThat(cache.lookup(key(1), request(LEASE_TTL))).isEqualTo(new Lookup.Hit<>(Presence.of(model(1, "new"))));
    }

    @Test
    void givenTombstoneInThePreviousFormat_whenLookup_thenLeasedNotAbsent() {
        redis.plant(key(2), StoredFormat.Legacy.tombstone(), TTL);

        assertThat(cache.lookup(key(2), request(LEASE_TTL))).isInstanceOf(Lookup.Leased.class);
    }

    @Test
    void givenLeaseInThePreviousFormat_whenLookupWithAnotherToken_thenLeasedNotBusy() {
        redis.plant(key(3), StoredFormat.Legacy.lease("0123456789abcdef0123456789abcdef"), TTL);

        assertThat(cache.lookup(key(3), request(LEASE_TTL))).isInstanceOf(Lookup.Leased.class);
    }

    @Test
    void givenLeaseInThePreviousFormat_whenLookupWithItsOwnToken_thenLeasedInTheNewFormat() {
        LeaseRequest request = request(LEASE_TTL);
        redis.plant(key(4), StoredFormat.Legacy.lease(request.token()), TTL);

        assertThat(cache.lookup(key(4), request)).isEqualTo(new Lookup.Leased<>(new Lease<>(key(4), request.token(), 0)));
        assertThat(redis.stored(key(4))).isEqualTo(StoredFormat.lease(redis.life(), request.token()));
    }

    @Test
    void givenLeaseInThePreviousFormat_whenItsHolderFills_thenRefused() {
        String oldToken = "0123456789abcdef0123456789abcdef";
        redis.plant(key(5), StoredFormat.Legacy.lease(oldToken), TTL);

        assertThat(cache.fill(new Lease<>(key(5), oldToken, 0), Presence.of(model(5, "c")), TTL)).isFalse();
        assertThat(cache.lookup(key(5), request(LEASE_TTL))).isInstanceOf(Lookup.Leased.class);
    }

    @Test
    void givenPageInThePreviousFormat_whenLookup_thenLeasedNotHit() {
        PageKey pageKey = new PageKey(new Category("legacy"), 2);
        long generation = GenerationProbe.of(cache, pageKey.category());
        redis.plant(pageKey, generation, StoredFormat.Legacy.value(codecs.of(EntryKind.PAGE).encode(page("legacy", 1, 2)).body()), TTL);

        assertThat(cache.lookup(pageKey, request(LEASE_TTL))).isInstanceOf(Lookup.Leased.class);
    }
}
