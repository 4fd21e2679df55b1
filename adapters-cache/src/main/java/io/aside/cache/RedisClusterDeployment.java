package io.aside.cache;

import io.aside.cache.RedisClients.RedisCluster;
import io.aside.cache.RedisEpoch.Life;
import io.aside.domain.cache.CacheKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A Redis Cluster (DESIGN §3.4): hash-tagged keys, so that every script touches one slot; each
 * master's own life, which the scripts find themselves ({@link CacheScripts}); the near cache's
 * messages on sharded pub/sub, on the master of their slot. The clients are made on first use:
 * building one asks a seed node for the slot map, and a cache that is down must fail calls, not startup.
 */
final class RedisClusterDeployment implements RedisDeployment {
    /** How often the fast client asks for the slot map anyway: a promoted replica is found even by idle keys. */
    static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(1);

    /** Where a slot is while no master serves it, as far as this client knows. */
    private static final String NO_MASTER_KNOWN = "no master known";
    /** A Redis Cluster has 16,384 hash slots. */
    private static final int SLOTS = 16_384;

    private static final CommandObject<String> INFO_LIFE =
            new CommandObject<>(new CommandArguments(Command.INFO).add("server").add("replication"), BuilderFactory.STRING);

    private final RedisSettings settings;
    private final RedisKeys keys;
    private final Consumer<String> onNewLife;
    /** Each master's life as last seen at its address. */
    private final Map<HostAndPort, String> lives = new HashMap<>();
    /** Lives met in the first round of pings are where this client starts, not changes. */
    private volatile boolean firstRoundLearned;
    private volatile RedisCluster fast;
    private volatile RedisCluster patient;

    /** @param onNewLife told when a master is found in a life it was not in before (promoted, restarted) */
    RedisClusterDeployment(RedisSettings settings, Consumer<String> onNewLife) {
        this.settings = settings;
        this.onNewLife = onNewLife;
        this.keys = new RedisKeys(settings.namespace(), true);
    }

    @Override
    public UnifiedJedis fast() {
        return fastCluster().client();
    }

    @Override
    public UnifiedJedis patient() {
        RedisCluster made = patient;
        if (made != null) return made.client();
        synchronized (this) {
            if (patient == null) {
                patient = RedisClients.cluster(settings, settings.writeTimeout(), RedisClients.PATIENT_CONNECTIONS, null);
            }
            return patient.client();
        }
    }

    @Override
    public RedisKeys keys() {
        return keys;
    }

    @Override
    public <T> T read(Function<Life, T> script) {
        return script.apply(Life.EACH_NODE);
    }

    @Override
    public Life life(UnifiedJedis client) {
        return Life.EACH_NODE;
    }

    /**
     * Every master of the slot map answers, or this fails: part of the cache is unavailable. The
     * masters are read off the slots, which follow failovers (Jedis' list of primaries does not).
     * Each tells its life, as the scripts read it: a master found in a life this client has not seen
     * at its address (promoted, or restarted) is reported, once the first round has been learned.
     */
    @Override
    public void ping() {
        ClusterConnectionProvider provider = fastCluster().provider();
        Set<HostAndPort> masters = new HashSet<>();
        for (int slot = 0; slot < SLOTS; slot++) {
            HostAndPort master = provider.getNode(slot);
            if (master == null) throw new JedisConnectionException("no master is known for slot " + slot);
            masters.add(master);
        }
        for (HostAndPort master : masters) {
            try (Connection connection = provider.getConnection(master)) {
                learn(master, lifeOf(connection.executeCommand(INFO_LIFE)));
            }
        }
        firstRoundLearned = true;
    }

    private synchronized void learn(HostAndPort master, String life) {
        String before = lives.put(master, life);
        if (life.equals(before) || !firstRoundLearned) return;
        onNewLife.accept("Redis Cluster master " + master + " is in a new life (promoted or restarted: " + life + ")");
    }

    /** What the scripts tag a master's entries with ({@link CacheScripts}): its run_id's and master_replid's first 8 characters. */
    static String lifeOf(String info) {
        return RedisEpoch.infoField(info, "run_id").substring(0, 8) + RedisEpoch.infoField(info, "master_replid").substring(0, 8);
    }

    @Override
    public int slotOf(String key) {
        return JedisClusterCRC16.getSlot(key);
    }

    /** The masters, by the slot each entry's key is in. */
    @Override
    public CacheShards shards(Function<CacheKey<?>, String> entryKey) {
        return new ClusterShards(this, entryKey);
    }

    /** The master that serves {@code key}'s slot as this client last learned it. */
    Object masterOf(String key) {
        HostAndPort master = fastCluster().provider().getNode(slotOf(key));
        return master != null ? master : NO_MASTER_KNOWN;
    }

    @Override
    public String publishCommand() {
        return "SPUBLISH";
    }

    @Override
    public void publish(String channel, String message) {
        fastCluster().client().spublish(channel, message);
    }

    /** On the master of the channels' slot; a failed attempt refreshes the slot map for the next one. */
    @Override
    public void subscribe(DefaultJedisClientConfig config, Subscription.Listener listener, String... channels) {
        RedisCluster cluster = fastCluster();
        HostAndPort master = cluster.provider().getNode(slotOf(channels[0]));
        try {
            if (master == null) throw new JedisConnectionException("no master is known for the near cache's slot");
            try (Connection connection = new Connection(master, config)) {
                new Subscription.Sharded(listener).proceed(connection, channels);
            }
        } catch (RuntimeException e) {
            cluster.provider().renewSlotCache();
            throw e;
        }
    }

    private RedisCluster fastCluster() {
        RedisCluster made = fast;
        if (made != null) return made;
        synchronized (this) {
            if (fast == null) {
                fast = RedisClients.cluster(settings, settings.commandTimeout(), RedisClients.MAX_CONNECTIONS, TOPOLOGY_REFRESH);
            }
            return fast;
        }
    }

    @Override
    public synchronized void close() {
        if (patient != null) patient.client().close();
        if (fast != null) fast.client().close();
    }
}
