package io.aside.bootstrap.consistency;

import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the stress test's threads share: the ids created so far (and which are believed alive), the
 * failures they saw, and how much they did.
 */
final class StressLedger {
    private final Set<Long> everSeen = ConcurrentHashMap.newKeySet();
    private final Set<Long> live = ConcurrentHashMap.newKeySet();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    final AtomicInteger updates = new AtomicInteger();
    final AtomicInteger conflicts = new AtomicInteger();
    final AtomicInteger creates = new AtomicInteger();
    final AtomicInteger deletes = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();

    void created(long id) {
        everSeen.add(id);
        live.add(id);
        creates.incrementAndGet();
    }

    void deleted(long id) {
        live.remove(id);
    }

    int liveCount() {
        return live.size();
    }

    /** A random live id, or -1 when another thread has just deleted the last one. */
    long anyLive(Random random) {
        return pick(random, live);
    }

    /** A random id ever created, deleted or not; -1 before the first. */
    long anySeen(Random random) {
        return pick(random, everSeen);
    }

    Set<Long> everSeen() {
        return Set.copyOf(everSeen);
    }

    void fail(String failure) {
        failures.add(failure);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    private static long pick(Random random, Set<Long> ids) {
        List<Long> snapshot = List.copyOf(ids);
        return snapshot.isEmpty() ? -1 : snapshot.get(random.nextInt(snapshot.size()));
    }

    @Override
    public String toString() {
        return "updates=" + updates + " conflicts=" + conflicts + " creates=" + creates + " deletes=" + deletes + " reads=" + reads;
    }
}
