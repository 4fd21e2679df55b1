package io.aside.bootstrap.cluster;

import io.aside.bootstrap.consistency.Instance;
import io.aside.bootstrap.e2e.ModelJson;
import io.aside.testing.HttpReply;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Readers on both instances and one writer, running until stopped, every request recorded with when
 * it was sent and answered: what the failover tests judge afterwards. The writer is the only one to
 * update the models, so each model's versions are its writes' in order, and the database must end
 * at the last one it was answered.
 */
final class Traffic {
    /** One GET: sent at {@code sent}, answered at {@code answered} (System.nanoTime), the version it returned (or -1). */
    record Read(Instance instance, long id, long sent, long answered, int status, long version, String xCache) {
        long nanos() {
            return answered - sent;
        }
    }

    /** One PUT: the version it was answered with (or -1), or the status it failed with. */
    record Write(Instance instance, long id, long sent, long answered, int status, long version) {}

    /** A pause between requests of one thread: leaves the 2 cores to the cluster's failure detection too. */
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long WRITE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;
    private volatile long stoppedAt;

    /**
     * @param readersPerInstance threads per instance, each reading {@code hot} every other request and
     *                           one of {@code others} in between
     * @param writtenHot         the models the writer updates every round, alternating the instance
     * @param writtenOthers      one of which the writer updates every round too, on the other instance
     * @param versions           each written model's version when the traffic starts
     */
    static Traffic start(List<Instance> instances, int readersPerInstance, List<Long> hot, List<Long> others,
                         List<Long> writtenHot, List<Long> writtenOthers, Map<Long, Long> versions) {
        Traffic traffic = new Traffic();
        for (Instance instance : instances) {
            for (int i = 0; i < readersPerInstance; i++) {
                traffic.spawn("reader-" + instance + "-" + i, () -> traffic.readLoop(instance, hot, others));
            }
        }
        if (!writtenHot.isEmpty() || !writtenOthers.isEmpty()) {
            traffic.spawn("writer", () -> traffic.writeLoop(instances, writtenHot, writtenOthers, new HashMap<>(versions)));
        }
        return traffic;
    }

    private void spawn(String name, Runnable loop) {
        Thread thread = new Thread(() -> {
            try {
                loop.run();
            } catch (Throwable t) {
                failures.add(t);
            }
        }, "traffic-" + name);
        threads.add(thread);
        thread.start();
    }

    private void readLoop(Instance instance, List<Long> hot, List<Long> others) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (long n = 0; !stopped; n++) {
            List<Long> from = n % 2 == 0 || others.isEmpty() ? hot : others;
            read(instance, from.get(random.nextInt(from.size())));
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    private void read(Instance instance, long id) {
        long sent = System.nanoTime();
        HttpReply reply = instance.http().get("/models/" + id);
        long answered = System.nanoTime();
        long version = reply.status() == 200 ? reply.json().get("version").asLong() : -1;
        reads.add(new Read(instance, id, sent, answered, reply.status(), version, reply.header("X-Cache")));
    }

    private void writeLoop(List<Instance> instances, List<Long> hot, List<Long> others, Map<Long, Long> versions) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int round = 0; !stopped; round++) {
            Instance first = instances.get(round % instances.size());
            Instance second = instances.get((round + 1) % instances.size());
            for (long id : hot) write(first, id, versions, round);
            if (!others.isEmpty()) write(second, others.get(random.nextInt(others.size())), versions, round);
            LockSupport.parkNanos(WRITE_PAUSE_NANOS);
        }
    }

    private void write(Instance instance, long id, Map<Long, Long> versions, int round) {
        Write write = update(instance, id, versions.get(id), "round " + round);
        if (write.version() > 0) versions.put(id, write.version());
    }

    /** Updates {@code id} from {@code expectedVersion} on {@code instance}, recorded with the other writes. */
    Write update(Instance instance, long id, long expectedVersion, String label) {
        String body = "{\"name\":" + ModelJson.quote("model " + id + " " + label) + ",\"category\":\"failover\","
                + "\"attributes\":{\"k\":\"v\"},\"version\":" + expectedVersion + "}";
        long sent = System.nanoTime();
        HttpReply reply = instance.http().put("/models/" + id, body);
        long answered = System.nanoTime();
        Write write = new Write(instance, id, sent, answered, reply.status(), reply.status() == 200 ? reply.json().get("version").asLong() : -1);
        writes.add(write);
        return write;
    }

    /** Stops every thread and waits for its last request to be answered. */
    void stop() {
        if (stopped) return;
        stopped = true;
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stoppedAt = System.nanoTime();
    }

    /** When the last request was answered (System.nanoTime), once stopped. */
    long stoppedAt() {
        if (!stopped) throw new IllegalStateException("still running");
        return stoppedAt;
    }

    List<Read> reads() {
        return List.copyOf(reads);
    }

    List<Write> writes() {
        return List.copyOf(writes);
    }

    /** What a thread died of (a request the client gave up on, say): none expected. */
    Collection<Throwable> failures() {
        return List.copyOf(failures);
    }

    /**
     * Reads that returned a version older than a write to the same model already answered before the
     * read was sent: what a strict cache must never serve. Among {@code among}, judged against every write.
     */
    List<Read> olderThanAnAnsweredWrite(List<Read> among) {
        Map<Long, List<Write>> answered = new HashMap<>();
        for (Write write : writes) if (write.version() > 0) answered.computeIfAbsent(write.id(), id -> new ArrayList<>()).add(write);
        List<Read> stale = new ArrayList<>();
        for (Read read : among) {
            long seen = read.version();
            boolean older = answered.getOrDefault(read.id(), List.of()).stream()
                    .anyMatch(write -> write.answered() - read.sent() < 0 && write.version() > seen);
            if (read.status() == 200 && older) stale.add(read);
        }
        return stale;
    }

    /** The first write a read older than an answered write missed: it was answered before the read was sent. */
    Write firstMissed(Read read) {
        return writes.stream().filter(w -> w.id() == read.id() && w.version() > read.version() && w.answered() - read.sent() < 0)
                .min((x, y) -> Long.compare(x.answered(), y.answered())).orElseThrow();
    }

    /** For a failure message or a figure: the write a stale read missed, and how long before the read it had answered. */
    String explain(Read read) {
        Write missed = firstMissed(read);
        return String.format("%s read model %d v%d (X-Cache %s) %d ms after %s's write of v%d answered", read.instance(), read.id(),
                read.version(), read.xCache(), TimeUnit.NANOSECONDS.toMillis(read.sent() - missed.answered()), missed.instance(),
                missed.version());
    }

    /** Reads sent within [from, to) (System.nanoTime). */
    List<Read> sentBetween(long from, long to) {
        return reads.stream().filter(read -> read.sent() - from >= 0 && read.sent() - to < 0).toList();
    }
}
