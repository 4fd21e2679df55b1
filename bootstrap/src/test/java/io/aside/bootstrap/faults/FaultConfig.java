package io.aside.bootstrap.faults;

import io.aside.bootstrap.AsideConfig;
import io.aside.testing.MariaDbServer;
import io.aside.testing.RedisServer;
import java.time.Duration;

/**
 * The production configuration of {@code e2e.Services}, pointed at servers a fault test owns (or
 * shares): its own database on {@code db}, its own key namespace on {@code redis}.
 */
final class FaultConfig {
    private FaultConfig() {}

    static AsideConfig on(MariaDbServer db, RedisServer redis) {
        return new AsideConfig(0, db.freshDatabaseUrl(), db.user(), db.password(), redis.url(), Duration.ofHours(1),
                redis.freshNamespace());
    }
}
