package io.aside.cache;

import io.aside.testing.MemcachedServer;
import io.aside.testing.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two ways a lookup on memcached can take its lease on a miss, against a real memcached 1.6 (a
 * throw-away one per fork, from the testing module), through the adapter's own
 * {@link MemcachedConnection} (this class sits in its package, in the benchmarks module, for that):
 * <ul>
 *   <li><b>add</b>, what {@link MemcachedCache} does: {@code mg k v c}; on {@code EN},
 *       {@code ms k <len> T3 ME} with the lease marker ({@code l<token>}): exactly one adder gets
 *       {@code HD}. A loser that raced (its {@code mg} saw {@code EN} too) gets {@code NS} and reads
 *       again to see whose lease it is: three round trips;</li>
 *   <li><b>win flag</b>: {@code mg k v c N3}: on a miss memcached creates an empty item for 3 s and
 *       hands exactly one caller the {@code W} flag, every other one {@code Z}; the winner then writes
 *       its token with {@code ms k <len> T3 C<cas>}, because the port's contract wants the token in the
 *       entry (a lookup retried with the same token must find its lease). A loser pays one round trip.</li>
 * </ul>
 * For each: {@code *Cold}, a lease taken on a fresh key every call (two round trips on both paths);
 * {@code *Hit}, a key holding a value (one round trip on both); {@code *Contended}, {@value #CONTENDERS}
 * threads released together on one fresh key, one race per call, timed until every contender knows
 * whether it holds the lease (the winner has written its token) or is busy. Every call checks that it
 * measured what its name says (the replies, exactly one winner per race) and fails otherwise; before
 * measuring, each path is checked against the port's contract on a real server ({@link #checkContract}).
 * The contended benchmarks count round trips ({@link RaceCounts}).
 *
 * <p>Run with the summary and the claim check: {@code java -cp benchmarks/target/benchmarks.jar
 * io.aside.benchmarks.MemcachedLeasePaths}; or with the plain JMH command line:
 * {@code java -jar benchmarks/target/benchmarks.jar MemcachedLeasePathsBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class MemcachedLeasePathsBenchmark {
    static final int LEASE_SECONDS = 3;
    static final int CONTENDERS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** What a model's entry looks like on the wire: the value tag and a model's JSON, about the size the service stores. */
    private static final byte[] MODEL_ENTRY = ("v{\"id\":4711,\"name\":\"model 4711\",\"category\":\"category-1\","
            + "\"attributes\":{\"colour\":\"blue\",\"size\":\"4711\"},\"version\":1,\"updatedAt\":\"2025-01-01T00:00:00Z\"}")
            .getBytes(StandardCharsets.UTF_8);

    /** What a lookup came to. */
    enum Result { LEASED, BUSY, HIT }

    /**
     * A lookup's result, the round trips it paid, and whether it found the key missing (add: its
     * {@code mg} saw {@code EN}; win flag: it got {@code Z} on the still empty item, before the winner
     * wrote its token) — a loser that did raced the winner rather than arriving after it.
     */
    record Outcome(Result result, int roundTrips, boolean sawMissing) {
        Outcome(Result result, int roundTrips) {
            this(result, roundTrips, false);
        }
    }

    /** One way of looking a key up and taking its lease on a miss; {@code marker} is {@code l<token>}. */
    enum LeasePath {
        /** The adapter's: add the lease marker after a miss; like {@link MemcachedCache}, read again after a lost add, at most 3 rounds. */
        ADD {
            @Override
            Outcome lookup(MemcachedConnection connection, String key, byte[] marker) throws IOException {
                int trips = 0;
                boolean sawMissing = false;
                for (int round = 0; round < 3; round++) {
                    connection.send("mg " + key + " v c");
                    MemcachedReply found = connection.receive();
                    trips++;
                    if (found.is("VA")) return new Outcome(classify(found, marker), trips, sawMissing);
                    expect(found, "EN");
                    sawMissing = true;
                    connection.send("ms " + key + " " + marker.length + " T" + LEASE_SECONDS + " ME", marker);
                    MemcachedReply added = connection.receive();
                    trips++;
                    if (added.is("HD")) return new Outcome(Result.LEASED, trips, true);
                    expect(added, "NS"); // lost the add: the key changed in between, read again
                }
                return new Outcome(Result.BUSY, trips, sawMissing);
            }
        },
        /** memcached's own: vivify on miss ({@code N}), one {@code W} winner who then writes its token over the empty item. */
        WIN_FLAG {
            @Override
            Outcome lookup(MemcachedConnection connection, String key, byte[] marker) throws IOException {
                connection.send("mg " + key + " v c N" + LEASE_SECONDS);
                MemcachedReply found = connection.receive();
                expect(found, "VA"); // with N a miss is vivified: there is always a value, empty until the winner writes
                if (hasFlag(found, "W")) {
                    connection.send("ms " + key + " " + marker.length + " T" + LEASE_SECONDS + " C" + found.cas(), marker);
                    MemcachedReply stored = connection.receive();
                    if (stored.is("HD")) return new Outcome(Result.LEASED, 2, true);
                    if (stored.is("EX") || stored.is("NF")) return new Outcome(Result.BUSY, 2, true); // invalidated or taken in between
                    throw unexpected(stored);
                }
                // another caller won: its token is in the entry, or will be once it has written it (until then the item is empty)
                if (hasFlag(found, "Z")) return new Outcome(Result.BUSY, 1, found.data().length == 0);
                return new Outcome(classify(found, marker), 1);
            }
        };

        abstract Outcome lookup(MemcachedConnection connection, String key, byte[] marker) throws IOException;

        /** Whether a meta reply carries a flag without a value ({@code W}, {@code Z}). */
        private static boolean hasFlag(MemcachedReply reply, String flag) {
            for (int i = 1; i < reply.words().length; i++) {
                if (reply.words()[i].equals(flag)) return true;
            }
            return false;
        }

        private static Result classify(MemcachedReply found, byte[] marker) {
            if (Arrays.equals(found.data(), marker)) return Result.LEASED; // our own lease: a retried lookup finds it
            return found.data().length > 0 && found.data()[0] == StoredValue.LEASE ? Result.BUSY : Result.HIT;
        }
    }

    /** The memcached server of this fork, and the checks every path passes before it is measured. */
    @State(Scope.Benchmark)
    public static class Server {
        MemcachedServer memcached;
        MemcachedSettings.Server address;

        @Setup(Level.Trial)
        public void start() throws IOException {
            memcached = TestServers.dedicatedMemcached();
            address = new MemcachedSettings.Server(memcached.host(), memcached.port());
            for (LeasePath path : LeasePath.values()) checkContract(this, path);
        }

        @TearDown(Level.Trial)
        public void stop() {
            memcached.close();
        }

        MemcachedConnection connect() throws IOException {
            MemcachedConnection connection = new MemcachedConnection(address, TIMEOUT);
            connection.timeout(TIMEOUT);
            return connection;
        }
    }

    /** One connection and a supply of fresh keys, per benchmark thread. */
    @State(Scope.Thread)
    public static class Client {
        MemcachedConnection connection;
        String prefix;
        long next;
        String hitKey;
        final byte[] marker = marker("c0ffee00-0000-4000-8000-000000000001");

        @Setup(Level.Trial)
        public void open(Server server) throws IOException {
            connection = server.connect();
            prefix = "aside-bench:" + server.memcached.freshNamespace() + ":m:";
            hitKey = prefix + "hit";
            connection.send("ms " + hitKey + " " + MODEL_ENTRY.length + " T0", MODEL_ENTRY);
            expect(connection.receive(), "HD");
        }

        @TearDown(Level.Trial)
        public void close() {
            connection.close();
        }

        String freshKey() {
            return prefix + next++;
        }
    }

    /** What the races cost the losers, counted by JMH beside the races per second (totals over the measured iterations). */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class RaceCounts {
        public long races;
        public long losers;
        public long loserRoundTrips;
        /** Losers that found the key missing ({@link Outcome#sawMissing}): they raced the winner rather than came after it. */
        public long losersWhoRaced;
        public long winnerRoundTrips;

        @Setup(Level.Iteration)
        public void reset() {
            races = 0;
            losers = 0;
            loserRoundTrips = 0;
            losersWhoRaced = 0;
            winnerRoundTrips = 0;
        }
    }

    /** {@value #CONTENDERS} threads with a connection each, released together on one key per race. */
    @State(Scope.Thread)
    public static class Race {
        @Param({"" + CONTENDERS})
        public int contenders;

        private CyclicBarrier start;
        private CyclicBarrier done;
        private final List<Thread> threads = new ArrayList<>();
        private final List<MemcachedConnection> connections = new ArrayList<>();
        private Outcome[] outcomes;
        private Throwable[] failures;
        private volatile LeasePath path;
        private volatile String key;
        private volatile boolean stopping;

        @Setup(Level.Trial)
        public void open(Server server) throws IOException {
            start = new CyclicBarrier(contenders + 1);
            done = new CyclicBarrier(contenders + 1);
            outcomes = new Outcome[contenders];
            failures = new Throwable[contenders];
            for (int i = 0; i < contenders; i++) {
                MemcachedConnection connection = server.connect();
                connections.add(connection);
                byte[] marker = marker(String.format("c0ffee00-0000-4000-8000-%012d", i + 1));
                int me = i;
                Thread thread = new Thread(() -> contend(me, connection, marker), "contender-" + i);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
        }

        private void contend(int me, MemcachedConnection connection, byte[] marker) {
            try {
                while (true) {
                    start.await();
                    if (stopping) return;
                    try {
                        outcomes[me] = path.lookup(connection, key, marker);
                    } catch (IOException | RuntimeException e) {
                        failures[me] = e;
                    }
                    done.await();
                }
            } catch (InterruptedException | BrokenBarrierException e) {
                // the benchmark is over, or failed: nothing left to race for
            }
        }

        /** One race on {@code raceKey}: every contender's outcome, after all of them have one. */
        Outcome[] run(LeasePath racePath, String raceKey) throws Exception {
            path = racePath;
            key = raceKey;
            Arrays.fill(outcomes, null);
            Arrays.fill(failures, null);
            start.await(10, TimeUnit.SECONDS);
            done.await(10, TimeUnit.SECONDS);
            for (Throwable failure : failures) {
                if (failure != null) throw new IllegalStateException("a contender failed on " + raceKey, failure);
            }
            return outcomes;
        }

        @TearDown(Level.Trial)
        public void close() throws InterruptedException {
            stopping = true;
            try {
                start.await(1, TimeUnit.SECONDS);
            } catch (BrokenBarrierException | TimeoutException e) {
                threads.forEach(Thread::interrupt);
            }
            for (Thread thread : threads) thread.join(1_000);
            connections.forEach(MemcachedConnection::close);
        }
    }

    @Benchmark
    public Outcome addCold(Client client) throws IOException {
        return cold(client, LeasePath.ADD);
    }

    @Benchmark
    public Outcome winFlagCold(Client client) throws IOException {
        return cold(client, LeasePath.WIN_FLAG);
    }

    @Benchmark
    public Outcome addHit(Client client) throws IOException {
        return hit(client, LeasePath.ADD);
    }

    @Benchmark
    public Outcome winFlagHit(Client client) throws IOException {
        return hit(client, LeasePath.WIN_FLAG);
    }

    @Benchmark
    public Outcome[] addContended(Client client, Race race, RaceCounts counts) throws Exception {
        return contended(client, race, counts, LeasePath.ADD);
    }

    @Benchmark
    public Outcome[] winFlagContended(Client client, Race race, RaceCounts counts) throws Exception {
        return contended(client, race, counts, LeasePath.WIN_FLAG);
    }

    private static Outcome cold(Client client, LeasePath path) throws IOException {
        String key = client.freshKey();
        Outcome outcome = path.lookup(client.connection, key, client.marker);
        if (outcome.result() != Result.LEASED || outcome.roundTrips() != 2) {
            throw new IllegalStateException(path + " on fresh key " + key + ": " + outcome + ", expected the lease in 2 round trips");
        }
        return outcome;
    }

    private static Outcome hit(Client client, LeasePath path) throws IOException {
        Outcome outcome = path.lookup(client.connection, client.hitKey, client.marker);
        if (outcome.result() != Result.HIT || outcome.roundTrips() != 1) {
            throw new IllegalStateException(path + " on " + client.hitKey + ": " + outcome + ", expected a hit in 1 round trip");
        }
        return outcome;
    }

    private static Outcome[] contended(Client client, Race race, RaceCounts counts, LeasePath path) throws Exception {
        String key = client.freshKey();
        Outcome[] outcomes = race.run(path, key);
        int winners = 0;
        for (Outcome o : outcomes) {
            if (o.result() == Result.LEASED) {
                winners++;
                counts.winnerRoundTrips += o.roundTrips();
            } else if (o.result() == Result.BUSY) {
                counts.losers++;
                counts.loserRoundTrips += o.roundTrips();
                if (o.sawMissing()) counts.losersWhoRaced++;
            } else {
                throw new IllegalStateException(path + " race on " + key + ": a contender saw a hit on a fresh key: " + Arrays.toString(outcomes));
            }
        }
        if (winners != 1) throw new IllegalStateException(path + " race on " + key + ": " + winners + " winners, not 1: " + Arrays.toString(outcomes));
        counts.races++;
        return outcomes;
    }

    /**
     * The port's contract on a real server, for one path: a fresh key's lookup takes the lease; the
     * same token looking again finds its lease (a retry); another token is busy; once the winner has
     * filled the entry (as the adapter does: CAS over its own lease), a lookup is a hit.
     */
    static void checkContract(Server server, LeasePath path) throws IOException {
        try (MemcachedConnection connection = server.connect()) {
            String key = "aside-bench:" + server.memcached.freshNamespace() + ":contract:" + path;
            byte[] ours = marker("c0ffee00-0000-4000-8000-00000000000a");
            byte[] theirs = marker("c0ffee00-0000-4000-8000-00000000000b");
            require(path, "a fresh key's lookup", path.lookup(connection, key, ours), Result.LEASED);
            require(path, "the same token again", path.lookup(connection, key, ours), Result.LEASED);
            require(path, "another token", path.lookup(connection, key, theirs), Result.BUSY);
            connection.send("mg " + key + " v c");
            MemcachedReply lease = connection.receive();
            if (!lease.is("VA") || !Arrays.equals(lease.data(), ours)) throw new IllegalStateException(path + ": the entry does not hold our token: " + lease);
            connection.send("ms " + key + " " + MODEL_ENTRY.length + " T60 C" + lease.cas(), MODEL_ENTRY);
            expect(connection.receive(), "HD");
            require(path, "a lookup after the fill", path.lookup(connection, key, theirs), Result.HIT);
        }
    }

    private static void require(LeasePath path, String what, Outcome outcome, Result expected) {
        if (outcome.result() != expected) throw new IllegalStateException(path + " breaks the port's contract: " + what + " gave " + outcome + ", not " + expected);
    }

    private static byte[] marker(String token) {
        return (StoredValue.LEASE + token).getBytes(StandardCharsets.UTF_8);
    }

    private static void expect(MemcachedReply reply, String status) throws IOException {
        if (!reply.is(status)) throw unexpected(reply);
    }

    private static IOException unexpected(MemcachedReply reply) {
        return new IOException("unexpected memcached reply '" + reply + "'");
    }
}
