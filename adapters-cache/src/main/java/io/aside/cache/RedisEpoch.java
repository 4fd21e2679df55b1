package io.aside.cache;

import java.util.Objects;
import java.util.function.Consumer;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Protocol.Command;

/**
 * Which life of the Redis server this client talks to (DESIGN §3.2). A Redis restarted from a
 * snapshot, or a replica promoted before it had the last writes, holds entries that answered writes
 * had already deleted. Its {@code run_id} is new, though, and a snapshot cannot restore it: every
 * value is stored tagged with the run_id of the life it was filled in, and a lookup serves only
 * values of the current life. Every new connection asks for the run_id before it is used
 * ({@link EpochCheckingConnections}), so the first connection to a restarted server moves this on
 * before any command runs on that server.
 */
final class RedisEpoch {
    /**
     * One life of the server: its tag in stored values, and a generation floor no earlier life
     * reached (microseconds, as the scripts take it).
     */
    record Life(String tag, String floor, long version) {
        /** Each node's own life, which the scripts find themselves (a cluster): left empty. */
        static final Life EACH_NODE = new Life("", "", 0);
    }

    /** Runs one command on the server (a pooled client, or one connection): Jedis' own signature. */
    interface Server {
        <T> T executeCommand(CommandObject<T> command);
    }

    static final int TAG_LENGTH = 16;

    private static final CommandObject<String> INFO_SERVER =
            new CommandObject<>(new CommandArguments(Command.INFO).add("server"), BuilderFactory.STRING);

    private final RedisKeys keys;
    private final Consumer<String> onChange;
    private volatile Life current;

    /** @param onChange told (with a description) when a later connection finds a new life */
    RedisEpoch(RedisKeys keys, Consumer<String> onChange) {
        this.keys = keys;
        this.onChange = Objects.requireNonNull(onChange, "onChange");
    }

    /** The life seen by the newest connection, or null before any connection was made. */
    Life current() {
        return current;
    }

    /**
     * Asks {@code server} which life it is in; a new one becomes current, with its floor: a time no
     * generation of an earlier life reached, since each was set from that life's clock and bumped
     * once per write before this life began (a snapshot cannot hold the key of a later life).
     */
    void learn(Server server) {
        String tag = tagOf(runId(server.executeCommand(INFO_SERVER)));
        Life known = current;
        if (known != null && known.tag().equals(tag)) return;
        String floor = server.executeCommand(new CommandObject<>(
                new CommandArguments(Command.EVAL).add(CacheScripts.LIFE_FLOOR).add(1).add(keys.life(tag)), BuilderFactory.STRING));
        adopt(tag, Long.parseLong(floor));
    }

    private synchronized void adopt(String tag, long floorMicros) {
        Life before = current;
        if (before != null && before.tag().equals(tag)) return;
        current = new Life(tag, Long.toString(floorMicros), before == null ? 1 : before.version() + 1);
        if (before != null) onChange.accept("Redis changed life (run_id " + before.tag() + "… → " + tag + "…)");
    }

    static String runId(String info) {
        return infoField(info, "run_id");
    }

    /** A field of an {@code INFO} reply, e.g. {@code run_id}. */
    static String infoField(String info, String name) {
        return info.lines().filter(line -> line.startsWith(name + ":")).map(line -> line.substring(name.length() + 1).strip())
                .findFirst().orElseThrow(() -> new IllegalStateException("INFO has no " + name));
    }

    static String tagOf(String runId) {
        if (runId == null || runId.length() < TAG_LENGTH) throw new IllegalStateException("Redis reported no usable run_id: " + runId);
        return runId.substring(0, TAG_LENGTH);
    }
}
