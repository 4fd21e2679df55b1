package io.aside.cache;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One connection to a memcached server, speaking its meta text protocol (memcached 1.6): commands
 * are written, then sent together on the first read, so that several commands cost one round trip.
 * Every read waits at most the timeout set for the call; a connection that timed out or read
 * something unexpected is out of step with the server and must be closed, never reused.
 */
final class MemcachedConnection implements Closeable {
    private static final byte[] CRLF = {'\r', '\n'};

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    private boolean unsent;

    MemcachedConnection(MemcachedSettings.Server server, Duration connectTimeout) throws IOException {
        this.socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(server.host(), server.port()), (int) Math.max(1, connectTimeout.toMillis()));
            this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** How long each read of this call may wait for the server. */
    void timeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    }

    /** Queues a command without data ({@code mg}, {@code md}, {@code ma}, {@code mn}). */
    void send(String command) throws IOException {
        out.write(command.getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
        unsent = true;
    }

    /** Queues a command followed by its data block ({@code ms}). */
    void send(String command, byte[] data) throws IOException {
        send(command);
        out.write(data);
        out.write(CRLF);
    }

    /** The reply to the oldest command not answered yet; sends what is queued first. */
    MemcachedReply receive() throws IOException {
        if (unsent) {
            out.flush();
            unsent = false;
        }
        String status = readLine();
        MemcachedReply reply = MemcachedReply.parse(status);
        if (!reply.is("VA")) return reply;
        byte[] data = in.readNBytes(reply.size());
        if (data.length != reply.size() || in.read() != '\r' || in.read() != '\n') throw new IOException("memcached closed the connection mid-value");
        return reply.withData(data);
    }

    private String readLine() throws IOException {
        line.reset();
        while (true) {
            int b = in.read();
            if (b < 0) throw new IOException("memcached closed the connection");
            if (b == '\n') break;
            if (b != '\r') line.write(b);
            if (line.size() > 4096) throw new IOException("memcached sent a status line longer than 4 KiB");
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to do: the connection is gone either way.
        }
    }
}
