package io.aside.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One client connection through a {@link TcpProxy}. Requests are pumped straight to the target;
 * replies pass through a short queue with their arrival time, so that a reply delay acts as
 * latency (every chunk held the delay from when it arrived) rather than stalling reads and
 * compounding over a multi-chunk reply.
 */
final class ProxiedConnection {
    private static final int BUFFER_BYTES = 64 * 1024;
    // bounded, so a frozen or slow client pushes back on the target as a real network would
    private static final int QUEUED_REPLY_CHUNKS = 16;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final long ANSWER_WAIT_MILLIS = 5_000;
    private static final Chunk END = new Chunk(new byte[0], 0);

    private record Chunk(byte[] bytes, long arrivedNanos) {}

    private final TcpProxy proxy;
    private final Valve valve;
    private final int id;
    private final Socket client;
    private final Socket target = new Socket();
    private final BlockingQueue<Chunk> replies = new ArrayBlockingQueue<>(QUEUED_REPLY_CHUNKS);
    private final CountDownLatch targetAnswered = new CountDownLatch(1);
    private final List<Thread> pumps = new ArrayList<>(3);
    private volatile boolean repliesHalted;
    private boolean closed;
    private int directionsDone;

    ProxiedConnection(TcpProxy proxy, Valve valve, int id, Socket client) {
        this.proxy = proxy;
        this.valve = valve;
        this.id = id;
        this.client = client;
    }

    void start() {
        startPump("up", this::forwardRequests);
    }

    /** Both sides get a reset, as when the network path itself fails. */
    void cut() {
        close(true, true);
    }

    private void forwardRequests() {
        try {
            valve.awaitOpen(); // a frozen path holds new connections too
            target.setTcpNoDelay(true);
            target.connect(proxy.target(), CONNECT_TIMEOUT_MILLIS);
            if (!startPump("down", this::readReplies) || !startPump("deliver", this::deliverReplies)) return;
            InputStream in = client.getInputStream();
            OutputStream out = target.getOutputStream();
            byte[] buffer = new byte[BUFFER_BYTES];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                TcpProxy.Trap trap = proxy.claimTrap(buffer, n);
                if (trap != null) {
                    fire(trap, buffer, n);
                    return;
                }
                valve.awaitOpen();
                out.write(buffer, 0, n);
                out.flush();
            }
            target.shutdownOutput();
            directionDone();
        } catch (IOException | InterruptedException e) {
            close(true, false);
        }
    }

    /**
     * The request reaches the target, its answer never reaches the client. Replies are halted before
     * the request leaves, so not even a fast answer slips through. The target side is closed gently
     * (FIN after the request), and only once the target has answered, so that when the trap's future
     * completes the target has acted on the request (say, committed) and a test can check for it.
     */
    private void fire(TcpProxy.Trap trap, byte[] buffer, int length) {
        repliesHalted = true;
        try {
            valve.awaitOpen();
            OutputStream out = target.getOutputStream();
            out.write(buffer, 0, length);
            out.flush();
        } catch (IOException | InterruptedException e) {
            close(true, false);
            trap.fired().completeExceptionally(new IllegalStateException("connection " + id + " closed before the trapped chunk reached the target", e));
            return;
        }
        closeQuietly(client, true);
        try {
            targetAnswered.await(ANSWER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException cutMeanwhile) {
            // the request was forwarded all the same: the trap has fired
        }
        close(true, false);
        trap.fired().complete(null);
    }

    private void readReplies() {
        try {
            InputStream in = target.getInputStream();
            byte[] buffer = new byte[BUFFER_BYTES];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (repliesHalted) {
                    targetAnswered.countDown();
                } else {
                    replies.put(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime()));
                }
            }
            targetAnswered.countDown();
            replies.put(END);
        } catch (IOException | InterruptedException e) {
            targetAnswered.countDown();
            close(true, false);
        }
    }

    private void deliverReplies() {
        try {
            OutputStream out = client.getOutputStream();
            for (Chunk chunk = replies.take(); chunk != END; chunk = replies.take()) {
                valve.awaitDelivery(chunk.arrivedNanos());
                if (!repliesHalted) {
                    out.write(chunk.bytes());
                    out.flush();
                }
            }
            client.shutdownOutput();
            directionDone();
        } catch (IOException | InterruptedException e) {
            close(true, false);
        }
    }

    private synchronized boolean startPump(String role, Runnable body) {
        if (closed) return false;
        pumps.add(proxy.spawn(id + "-" + role, body));
        return true;
    }

    private void directionDone() {
        boolean bothDone;
        synchronized (this) {
            bothDone = ++directionsDone == 2;
        }
        if (bothDone) close(false, false);
    }

    private void close(boolean resetClient, boolean resetTarget) {
        List<Thread> running;
        synchronized (this) {
            if (closed) return;
            closed = true;
            running = List.copyOf(pumps);
        }
        closeQuietly(client, resetClient);
        closeQuietly(target, resetTarget);
        // wakes pumps waiting on the valve or the queue; those in socket I/O wake from the close
        for (Thread pump : running) {
            if (pump != Thread.currentThread()) pump.interrupt();
        }
        proxy.forget(this);
    }

    /** With {@code reset}, SO_LINGER 0 makes the close an RST, so the peer fails at once instead of reading an orderly end. */
    static void closeQuietly(Socket socket, boolean reset) {
        try {
            if (reset && !socket.isClosed()) socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // not connected (or already gone): a plain close is all there is to do
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort: the socket is unusable either way
        }
    }
}
