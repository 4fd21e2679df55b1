package io.aside.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The target of the {@link TcpProxy} tests: echoes every byte back and records what it received,
 * so a test can tell what reached the server from what reached the client.
 */
final class EchoServer implements AutoCloseable {
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final AtomicInteger accepted = new AtomicInteger();

    private EchoServer(ServerSocket listener) {
        this.listener = listener;
        spawn(this::accept);
    }

    static EchoServer start() throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new EchoServer(listener);
    }

    int port() {
        return listener.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    int openConnections() {
        return open.size();
    }

    byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    /** Sends bytes nobody asked for on every open connection, as a server push would. */
    void push(byte[] bytes) throws IOException {
        for (Socket socket : open) {
            synchronized (socket) {
                socket.getOutputStream().write(bytes);
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) socket.close();
        try {
            for (Thread thread : threads) thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() {
        try {
            while (true) {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                accepted.incrementAndGet();
                open.add(socket);
                spawn(() -> echo(socket));
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private void echo(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (received) {
                    received.write(buffer, 0, n);
                }
                synchronized (socket) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException cutOrClosed) {
            // what the proxy tests do to connections
        } finally {
            open.remove(socket);
        }
    }

    private void spawn(Runnable body) {
        Thread thread = new Thread(body, "echo-server-" + listener.getLocalPort());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }
}
