package io.aside.bootstrap.consistency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs {@code size} calls on as many threads, all released at once by a latch once every thread is
 * ready, and collects their answers within a deadline.
 */
public final class Herd {
    /** The answers in call order, and the time from the release to the last answer. */
    public record Result<T>(List<T> answers, Duration elapsed) {}

    private Herd() {}

    public static <T> Result<T> run(int size, IntFunction<T> call, Duration timeout) {
        ExecutorService threads = Executors.newFixedThreadPool(size);
        try {
            CountDownLatch ready = new CountDownLatch(size);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> calls = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int index = i;
                calls.add(threads.submit(() -> {
                    ready.countDown();
                    if (!go.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) throw new IllegalStateException("never released");
                    return call.apply(index);
                }));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) throw new AssertionError("the herd did not assemble within " + timeout);
            long start = System.nanoTime();
            go.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> f : calls) answers.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            return new Result<>(answers, Duration.ofNanos(System.nanoTime() - start));
        } catch (TimeoutException e) {
            throw new AssertionError("the herd did not finish within " + timeout, e);
        } catch (ExecutionException e) {
            throw new AssertionError("a call of the herd failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            threads.shutdownNow();
        }
    }
}
