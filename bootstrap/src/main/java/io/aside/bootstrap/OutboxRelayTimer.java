package io.aside.bootstrap;

import io.aside.application.OutboxRelay;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs this instance's {@link OutboxRelay} every {@link #INTERVAL}. Every instance runs one: the
 * outbox needs no leader, since delivering an invalidation twice is harmless, and the interval
 * bounds how long an invalidation stays undelivered after the cache comes back.
 */
final class OutboxRelayTimer implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofMillis(250);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "aside-outbox-relay");
        thread.setDaemon(true);
        return thread;
    });

    OutboxRelayTimer(OutboxRelay relay) {
        timer.scheduleWithFixedDelay(relay::relay, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
