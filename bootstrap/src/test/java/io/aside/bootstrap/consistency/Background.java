package io.aside.bootstrap.consistency;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** One call running on a thread of its own while the test goes on; its answer is awaited with a deadline. */
final class Background<T> {
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<T> call;

    private Background(Supplier<T> call) {
        this.call = thread.submit(call::get);
    }

    static <T> Background<T> start(Supplier<T> call) {
        return new Background<>(call);
    }

    T await(Duration timeout) {
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the background call did not finish within " + timeout, e);
        } catch (ExecutionException e) {
            throw new AssertionError("the background call failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            thread.shutdownNow();
        }
    }
}
