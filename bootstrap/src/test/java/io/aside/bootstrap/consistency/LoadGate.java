package io.aside.bootstrap.consistency;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds one database load after the database has answered, before the caller can fill the cache:
 * the window in which a write makes the loaded row stale. The test waits for {@link #awaitLoaded},
 * writes, then {@link #release}s the load. Both sides are bounded, so a broken test cannot hang.
 */
final class LoadGate {
    /** A held load gives up after this, failing its request, if the test never releases it. */
    private static final Duration MAX_HOLD = Duration.ofSeconds(10);

    private final Object target;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    LoadGate(Object target) {
        this.target = target;
    }

    Object target() {
        return target;
    }

    /** Waits until the held load has read its row from the database. */
    void awaitLoaded(Duration timeout) {
        if (!await(loaded, timeout)) throw new AssertionError("no load of " + target + " reached the gate within " + timeout);
    }

    /** Lets the held load go on (to fill the cache); harmless when nothing is held. */
    void release() {
        released.countDown();
    }

    /** Called on the loading thread, after the database answered. */
    void hold() {
        loaded.countDown();
        if (!await(released, MAX_HOLD)) throw new IllegalStateException("the load of " + target + " was held and never released");
    }

    private static boolean await(CountDownLatch latch, Duration timeout) {
        try {
            return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the load gate", e);
        }
    }
}
