package io.aside.bootstrap.consistency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs writer and reader threads, all started together; writers stop {@code readOnlyTail} before
 * the readers, so each round ends with reads racing the last writes' invalidations and then filling
 * the cache (a stale set left by those races would be read, not hidden by yet another write).
 * Thread {@code i} draws
 * from {@code new Random(seed + i)}, so a seed replays the same choices (not the same interleaving).
 * A thread's unexpected exception is recorded as a failure and ends that thread only.
 */
final class StressRun {
    private StressRun() {}

    static void run(long seed, int writers, StressWriter writer, int readers, StressReader reader, Duration duration,
                    Duration readOnlyTail, StressLedger ledger) {
        List<Consumer<Random>> roles = new ArrayList<>();
        List<Duration> runFor = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            roles.add(writer);
            runFor.add(duration.minus(readOnlyTail));
        }
        for (int i = 0; i < readers; i++) {
            roles.add(reader);
            runFor.add(duration);
        }
        ExecutorService threads = Executors.newFixedThreadPool(roles.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            for (int i = 0; i < roles.size(); i++) {
                Consumer<Random> role = roles.get(i);
                Random random = new Random(seed + i);
                Duration time = runFor.get(i);
                threads.execute(() -> loop(role, random, go, time, ledger));
            }
            go.countDown();
            threads.shutdown();
            if (!threads.awaitTermination(duration.toMillis() + 20_000, TimeUnit.MILLISECONDS)) {
                ledger.fail("the stress threads did not stop within " + duration.plusSeconds(20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void loop(Consumer<Random> role, Random random, CountDownLatch go, Duration duration, StressLedger ledger) {
        try {
            go.await();
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) role.accept(random);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            ledger.fail(Thread.currentThread().getName() + " died: " + e);
        }
    }
}
