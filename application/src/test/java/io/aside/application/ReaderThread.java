package io.aside.application;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** A read on its own thread, so a test can see whether it is waiting for another reader's run. */
final class ReaderThread<V> {
    private final CompletableFuture<Read<V>> result = new CompletableFuture<>();
    private final Thread thread;

    private ReaderThread(String name, Supplier<Read<V>> read) {
        thread = new Thread(() -> {
            try {
                result.complete(read.get());
            } catch (Throwable failed) {
                result.completeExceptionally(failed);
            }
        }, name);
        thread.setDaemon(true);
    }

    static <V> ReaderThread<V> start(String name, Supplier<Read<V>> read) {
        ReaderThread<V> reader = new ReaderThread<>(name, read);
        reader.thread.start();
        return reader;
    }

    /** True once this reader has found another's run of its key and waits for its outcome. */
    boolean joinedAnotherRun() {
        return Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(ReadFlights.class.getName()) && frame.getMethodName().equals("await"));
    }

    /** Waits until this reader has joined another's run. */
    ReaderThread<V> awaitJoined() {
        awaitJoined(List.of(this), 1);
        return this;
    }

    /** Waits until {@code count} of {@code readers} have joined another's run. */
    static void awaitJoined(List<? extends ReaderThread<?>> readers, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Latches.PATIENCE_SECONDS);
        while (readers.stream().filter(ReaderThread::joinedAnotherRun).count() < count) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("fewer than " + count + " readers joined another run");
            LockSupport.parkNanos(100_000);
        }
    }

    Read<V> result() {
        try {
            return result.get(Latches.PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(thread.getName() + " failed", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(thread.getName() + " did not finish", e);
        }
    }

    Throwable failure() {
        try {
            Read<V> read = result.get(Latches.PATIENCE_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError(thread.getName() + " succeeded with " + read);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(thread.getName() + " did not finish", e);
        }
    }
}
