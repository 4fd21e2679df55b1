package io.aside.bootstrap.faults;

import io.aside.testing.RedisServer;

/** Redis crashed (SIGKILL): pooled connections die without a goodbye, and it comes back empty. */
class RedisKilledTest extends RedisOutageScenario {
    @Override
    void breakRedis(RedisServer server) {
        server.kill();
    }

    @Override
    void repairRedis(RedisServer server) {
        server.start();
    }
}
