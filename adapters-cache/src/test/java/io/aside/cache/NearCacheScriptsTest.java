package io.aside.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The near cache's two scripts on a real Redis: a lease is never extended past an announcement its holder has not applied. */
class NearCacheScriptsTest {
    static final RedisServer SERVER = TestServers.redis();
    static final String FLOOR = "1700000000000000";

    private final RedisKeys keys = new RedisKeys(SERVER.freshNamespace());
    private final RedisClient redis = RedisClient.create(SERVER.host(), SERVER.port());

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void givenAnInstanceThatHasNotAppliedTheLastAnnouncement_whenItRenews_thenItsLeaseIsNotExtended() {
        renew("b", "0");
        long sequence = announce();
        Double before = redis.zscore(keys.nearMembers(), "b");

        assertThat(renew("b", Long.toString(sequence - 1))).as("behind").isEqualTo(-1L);
        assertThat(redis.zscore(keys.nearMembers(), "b")).isEqualTo(before);
        assertThat(renew("b", Long.toString(sequence))).as("caught up, its lease still live").isEqualTo(1L);
    }

    @Test
    void givenAnInstanceWithoutALiveLease_whenItRenews_thenItIsToldSo() {
        assertThat(renew("new", "0")).as("first renewal: writers may have gone on without it").isEqualTo(0L);
        assertThat(renew("new", "0")).isEqualTo(1L);
    }

    @Test
    void givenLiveMembers_whenAnnounced_thenNumberedAboveTheLifeFloorAndEveryLiveMemberIsListed() {
        renew("a", "0");
        renew("b", "0");

        List<?> answer = (List<?>) CacheScripts.ANNOUNCE.run(redis, List.of(keys.nearSequence(), keys.nearMembers()),
                List.of(keys.nearInvalidations(), "1", FLOOR, "PUBLISH"));

        assertThat((Long) answer.get(0)).isGreaterThan(Long.parseLong(FLOOR));
        assertThat(((List<?>) answer.get(2)).stream().map(Object::toString).toList()).hasSize(4).contains("a", "b");
    }

    private long announce() {
        List<?> answer = (List<?>) CacheScripts.ANNOUNCE.run(redis, List.of(keys.nearSequence(), keys.nearMembers()),
                List.of(keys.nearInvalidations(), "1", FLOOR, "PUBLISH"));
        return (Long) answer.get(0);
    }

    private Object renew(String member, String watermark) {
        return CacheScripts.RENEW.run(redis, List.of(keys.nearMembers(), keys.nearSequence()), List.of(member, "2000", watermark));
    }
}
