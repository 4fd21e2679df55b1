package io.aside.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * The run's threads: daemons, so that one stuck on a hung request cannot keep the JVM alive once the
 * run has given up on it; joined against a deadline, so that a hang fails the run instead of stalling it.
 */
final class Workers {
    private static final Duration SET_UP_BUDGET = Duration.ofSeconds(120);

    /** One item of set-up work, by index. */
    @FunctionalInterface
    interface Item {
        void run(int index) throws IOException;
    }

    /** Thrown by an {@link Item} whose answer was wrong: its message is the whole story, reported as it is. */
    static final class Refused extends RuntimeException {
        Refused(String what) {
            super(what);
        }
    }

    private Workers() {}

    /**
     * Runs items 0..count-1 on {@code threads} threads, each taking the next index; the first failure
     * stops them all and is thrown. {@code describe} names the item in the message of an exception it threw.
     */
    static void forEach(String name, int threads, int count, Item item, IntFunction<String> describe) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            workers.add(start(name + "-" + w, () -> {
                int i;
                while ((i = next.getAndIncrement()) < count && failure.get() == null) {
                    try {
                        item.run(i);
                    } catch (Refused e) {
                        failure.compareAndSet(null, e.getMessage());
                    } catch (IOException | RuntimeException e) {
                        failure.compareAndSet(null, describe.apply(i) + ": " + e);
                    }
                }
            }));
        }
        joinAll(workers, System.nanoTime() + SET_UP_BUDGET.toNanos(), "did not finish within " + SET_UP_BUDGET);
        if (failure.get() != null) throw new IllegalStateException(failure.get());
    }

    static Thread start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits for every thread until {@code deadlineNanos}; one still alive then fails the run, named, with {@code ifAlive}. */
    static void joinAll(List<Thread> threads, long deadlineNanos, String ifAlive) {
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (thread.isAlive()) throw new IllegalStateException(thread.getName() + " " + ifAlive);
        }
    }
}
