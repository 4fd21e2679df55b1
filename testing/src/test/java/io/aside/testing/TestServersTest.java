package io.aside.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class TestServersTest {
    @Test
    void givenInstalledMariaDb_whenFreshDatabase_thenEmptyUtf8mb4DatabaseAnswers() throws Exception {
        MariaDbServer db = TestServers.mariaDb();
        String url = db.freshDatabaseUrl();
        try (Connection c = DriverManager.getConnection(url, db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT @@character_set_database, (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE())")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("utf8mb4");
            assertThat(rs.getInt(2)).isZero();
        }
        assertThat(db.freshDatabaseUrl()).isNotEqualTo(url);
    }

    @Test
    void givenInstalledRedis_whenPausedAndResumed_thenAnswersOnlyWhileRunning() {
        RedisServer redis = TestServers.redis();
        assertThat(redis.answers()).isTrue();
        redis.pause();
        try {
            assertThat(redis.answers()).isFalse();
        } finally {
            redis.resume();
        }
        assertThat(redis.answers()).isTrue();
        assertThat(redis.freshNamespace()).isNotEqualTo(redis.freshNamespace());
    }

    @Test
    void givenInstalledMemcached_whenStoredAndRestarted_thenItAnswersAndComesBackEmpty() {
        try (MemcachedServer memcached = TestServers.dedicatedMemcached()) {
            assertThat(memcached.command("version")).singleElement().asString().startsWith("VERSION 1.");
            assertThat(memcached.command("set k 0 0 1\r\nv")).containsExactly("STORED");
            assertThat(memcached.command("mg k v")).containsExactly("VA 1", "v");

            memcached.pause();
            assertThat(memcached.answers()).isFalse();
            memcached.resume();
            memcached.kill();
            memcached.start();

            assertThat(memcached.command("mg k v")).containsExactly("EN");
        }
    }
}
