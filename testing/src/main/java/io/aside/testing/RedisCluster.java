package io.aside.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A throw-away Redis Cluster of three masters and three replicas on free ports, started from the
 * installed {@code redis-server} and joined with {@code redis-cli --cluster create}. Its nodes are
 * {@link RedisServer}s: a test can kill, stop or pause one (a master, to see its replica take over)
 * and send any of them raw commands. Close it when done.
 */
public final class RedisCluster implements AutoCloseable {
    static final Duration NODE_TIMEOUT = Duration.ofMillis(1_000);
    private static final int MASTERS = 3;
    private static final Duration FORMED = Duration.ofSeconds(30);
    /** Starts the nodes of a cluster; daemon threads, so that it never holds up a JVM's exit. */
    private static final Executor STARTER = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "redis-cluster-node-start");
        thread.setDaemon(true);
        return thread;
    });

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    static RedisCluster start() {
        Path cli = Binaries.require("redis-cli", "redis-tools");
        List<RedisServer> nodes = startNodes();
        try {
            RedisCluster cluster = new RedisCluster(nodes);
            List<String> create = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
            nodes.forEach(node -> create.add(node.host() + ":" + node.port()));
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            Path log = ServerProcess.tempFolder("aside-redis-cluster-").resolve("create.log");
            ServerProcess.run(create, log, FORMED);
            cluster.awaitFormed();
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }

    /**
     * The six nodes, started side by side on six different free ports: each start is a process launch
     * and a wait until it answers, and none needs another. On any failure the nodes that did start
     * are closed.
     */
    private static List<RedisServer> startNodes() {
        List<CompletableFuture<RedisServer>> starting = new ArrayList<>();
        for (int port : ServerProcess.freePorts(2 * MASTERS)) {
            starting.add(CompletableFuture.supplyAsync(() -> RedisServer.startClusterNode(port), STARTER));
        }
        List<RedisServer> nodes = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<RedisServer> node : starting) {
            try {
                nodes.add(node.join());
            } catch (CompletionException e) {
                if (failure == null) failure = e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        if (failure != null) {
            nodes.forEach(RedisServer::close);
            throw failure;
        }
        return nodes;
    }

    /** A key namespace no other test uses, for tests that share this cluster. */
    public String freshNamespace() {
        return nodes.get(0).freshNamespace();
    }

    /** Every node, masters and replicas as {@code redis-cli} paired them. */
    public List<RedisServer> nodes() {
        return nodes;
    }

    /** {@code redis-cluster://host:port,host:port,…}: every node as a seed. */
    public String url() {
        return "redis-cluster://" + nodes.stream().map(node -> node.host() + ":" + node.port()).collect(Collectors.joining(","));
    }

    /**
     * Waits until a node other than {@code lost} serves {@code slot} (its replica, promoted once the
     * others have marked it failed: about the node timeout), and returns it.
     */
    public RedisServer awaitFailover(int slot, RedisServer lost) {
        long deadline = System.nanoTime() + FORMED.toNanos();
        while (true) {
            try {
                RedisServer master = masterOf(slot);
                if (master != lost) return master;
            } catch (IllegalStateException noMasterYet) {
                // the slot has no master until the replica is promoted
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException("no replica took over slot " + slot + " within " + FORMED);
            ServerProcess.sleep(50);
        }
    }

    /** The node that serves {@code slot} now (after a failover, the replica that took over). */
    public RedisServer masterOf(int slot) {
        for (RedisServer node : nodes) {
            if (!node.answers()) continue;
            for (String line : node.command("CLUSTER", "NODES").lines().toList()) {
                String[] fields = line.split(" ");
                if (!fields[2].contains("myself") || !fields[2].contains("master")) continue;
                for (int i = 8; i < fields.length; i++) {
                    if (fields[i].startsWith("[")) continue; // a slot being migrated
                    String[] range = fields[i].split("-");
                    int from = Integer.parseInt(range[0]);
                    int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                    if (slot >= from && slot <= to) return node;
                }
            }
        }
        throw new IllegalStateException("no answering master serves slot " + slot);
    }

    /**
     * Waits until every answering node reports {@code cluster_state:ok} (all slots served) and every
     * replica has synchronised with its master: a replica that never did cannot take over.
     */
    public void awaitFormed() {
        long deadline = System.nanoTime() + FORMED.toNanos();
        while (!formed()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the Redis Cluster did not reach cluster_state:ok within " + FORMED);
            ServerProcess.sleep(100);
        }
    }

    private boolean formed() {
        int answering = 0;
        int replicas = 0;
        for (RedisServer node : nodes) {
            if (!node.answers()) continue;
            answering++;
            if (!node.command("CLUSTER", "INFO").contains("cluster_state:ok")) return false;
            if (!node.command("ROLE").startsWith("slave")) continue;
            if (!node.command("INFO", "replication").contains("master_link_status:up")) return false;
            replicas++;
        }
        return replicas == answering - MASTERS; // every node that is not one of the masters serves as a replica
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
