package io.aside.cache;

import io.aside.testing.RedisServer;

/**
 * The bytes the Redis adapter stores ({@link StoredValue}), for tests that read or plant them:
 * a one-byte tag, the 16-character tag of the server life it was written in, then the payload.
 */
final class StoredFormat {
    private StoredFormat() {}

    /** The tag of the server's current life: the first 16 characters of its {@code run_id}. */
    static String lifeOf(RedisServer server) {
        String info = server.command("INFO", "server");
        return RedisEpoch.tagOf(RedisEpoch.runId(info));
    }

    /**
     * The tag of a cluster master's current life, as the scripts find it: its process (the first 8
     * characters of its {@code run_id}) and its mastership (of its {@code master_replid}).
     */
    static String lifeOfMaster(RedisServer master) {
        return RedisClusterDeployment.lifeOf(master.command("INFO", "server", "replication"));
    }

    static String value(String life, String json) {
        return StoredValue.VALUE + life + json;
    }

    static String tombstone(String life) {
        return StoredValue.TOMBSTONE + life;
    }

    static String lease(String life, String token) {
        return StoredValue.LEASE + life + token;
    }

    /** What the previous Aside release wrote: the same tags, without a life. */
    static final class Legacy {
        private Legacy() {}

        static String value(String json) {
            return StoredValue.VALUE + json;
        }

        static String tombstone() {
            return String.valueOf(StoredValue.TOMBSTONE);
        }

        static String lease(String token) {
            return StoredValue.LEASE + token;
        }
    }
}
