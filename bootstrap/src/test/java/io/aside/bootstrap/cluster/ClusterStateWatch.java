package io.aside.bootstrap.cluster;

import io.aside.testing.RedisServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches what a healthy master thinks of the cluster while another master fails: when it declares
 * that master failed (flags it {@code fail}, a node timeout after it stopped answering, once a
 * majority of masters agree), and when its {@code cluster_state} is {@code fail}. With Redis' default
 * {@code cluster-require-full-coverage yes}, from the declaration until the replica's promotion every
 * node refuses every key (CLUSTERDOWN): the tests measure that span.
 */
final class ClusterStateWatch implements AutoCloseable {
    /** How late a change is seen at most, besides the commands' round trips. */
    static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** A span during which the watched node reported {@code cluster_state:fail}, in System.nanoTime. */
    record Down(long from, long to) {
        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(to - from);
        }

        boolean covers(long at) {
            return at - from >= 0 && at - to < 0;
        }
    }

    private final RedisServer watched;
    private final String suspect;
    private final Runnable onDeclared;
    private final Thread thread;
    private final List<Down> downs = new ArrayList<>();
    private volatile long declaredAt;
    private volatile boolean declared;
    private volatile boolean stopped;

    private ClusterStateWatch(RedisServer watched, RedisServer suspect, Runnable onDeclared) {
        this.watched = watched;
        this.suspect = suspect.host() + ":" + suspect.port() + "@";
        this.onDeclared = onDeclared;
        this.thread = new Thread(this::watch, "cluster-state-watch");
        thread.setDaemon(true);
    }

    /**
     * @param onDeclared run on the watching thread as soon as {@code watched} declares {@code suspect}
     *                   failed: a snapshot of what was true until then
     */
    static ClusterStateWatch start(RedisServer watched, RedisServer suspect, Runnable onDeclared) {
        ClusterStateWatch watch = new ClusterStateWatch(watched, suspect, onDeclared);
        watch.thread.start();
        return watch;
    }

    private void watch() {
        long downSince = -1;
        while (!stopped) {
            boolean ok = watched.command("CLUSTER", "INFO").contains("cluster_state:ok");
            boolean failed = !declared && flaggedFailed(watched.command("CLUSTER", "NODES"));
            long now = System.nanoTime();
            if (failed) {
                declaredAt = now;
                declared = true;
                onDeclared.run();
            }
            if (!ok && downSince < 0) downSince = now;
            if (ok && downSince >= 0) {
                record(new Down(downSince, now));
                downSince = -1;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        if (downSince >= 0) record(new Down(downSince, System.nanoTime()));
    }

    /** Whether the suspect's line flags it {@code fail} (not {@code fail?}, a suspicion of this node's only). */
    private boolean flaggedFailed(String nodes) {
        return nodes.lines().map(line -> line.split(" "))
                .filter(fields -> fields.length > 2 && fields[1].startsWith(suspect))
                .anyMatch(fields -> Arrays.asList(fields[2].split(",")).contains("fail"));
    }

    private synchronized void record(Down down) {
        downs.add(down);
    }

    /** The spans the cluster was down so far. */
    synchronized List<Down> downs() {
        return List.copyOf(downs);
    }

    long downMillis() {
        return downs().stream().mapToLong(Down::millis).sum();
    }

    boolean downAt(long at) {
        return downs().stream().anyMatch(down -> down.covers(at));
    }

    /** When the suspect was declared failed (System.nanoTime), or {@code otherwise} if it was not. */
    long declaredAtOr(long otherwise) {
        return declared ? declaredAt : otherwise;
    }

    @Override
    public void close() {
        stopped = true;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
