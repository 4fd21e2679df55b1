package io.aside.application;

import java.time.Duration;

/** Waits between polls for another caller's fill; replaceable so tests need not sleep. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
}
