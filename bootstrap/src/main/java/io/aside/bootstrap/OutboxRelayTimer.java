package io.aside.bootstrap;

import io.aside.application.OutboxRelay;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this instance's {@link OutboxRelay} every {@link #INTERVAL}. Every instance runs one: the
 * outbox needs no leader, since delivering an invalidation twice is harmless, and the interval
 * bounds how long an invalidation stays undelivered after the cache comes back.
 */
final class OutboxRelayTimer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayTimer.class);
    static final Duration INTERVAL = Duration.ofMillis(250);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "aside-outbox-relay");
        thread.setDaemon(true);
        return thread;
    });

    OutboxRelayTimer(OutboxRelay relay) {
        timer.scheduleWithFixedDelay(() -> passSurvivingEverything(relay), 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A periodic task that throws is never run again: whatever a pass lets through, the next one still runs. */
    private static void passSurvivingEverything(OutboxRelay relay) {
        try {
            relay.relay();
        } catch (Throwable t) {
            LOG.error("outbox relay pass failed; the next pass runs as scheduled", t);
        }
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
