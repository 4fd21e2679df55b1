package io.aside.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The network conditions a {@link TcpProxy} imposes, shared by all its pumps so that a change
 * reaches connections already open. Pumps wait here before they write, never before they read:
 * held bytes stay in order and nothing is dropped.
 */
final class Valve {
    private boolean frozen;
    private long replyDelayNanos;

    synchronized void freeze() {
        frozen = true;
    }

    synchronized void thaw() {
        frozen = false;
        notifyAll();
    }

    synchronized void delayReplies(Duration delay) {
        replyDelayNanos = saturatedNanos(delay);
        notifyAll();
    }

    /** Returns once bytes may flow; interrupted when the connection is cut meanwhile. */
    synchronized void awaitOpen() throws InterruptedException {
        while (frozen) wait();
    }

    /** As {@link #awaitOpen()}, and also until a reply that arrived at {@code arrivedNanos} has been held for the delay. */
    synchronized void awaitDelivery(long arrivedNanos) throws InterruptedException {
        while (true) {
            if (frozen) {
                wait();
                continue;
            }
            long left = replyDelayNanos - (System.nanoTime() - arrivedNanos);
            if (left <= 0) return;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private static long saturatedNanos(Duration delay) {
        try {
            return delay.toNanos();
        } catch (ArithmeticException centuries) {
            return Long.MAX_VALUE;
        }
    }
}
