package io.aside.bootstrap.faults;

import io.aside.testing.RedisServer;

/** Redis shut down politely (SIGTERM): connections are refused, and it comes back empty. */
class RedisStoppedTest extends RedisOutageScenario {
    @Override
    void breakRedis(RedisServer server) {
        server.stop();
    }

    @Override
    void repairRedis(RedisServer server) {
        server.start();
    }
}
