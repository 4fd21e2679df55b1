package io.aside.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A memcached server for tests, started from Debian's {@code memcached} on a free port with 64 MiB
 * and no UDP. Fault tests can stop, kill, pause and resume it; a restart brings it back empty, as a
 * real one does. Test classes keep apart by key namespace ({@link #freshNamespace()}).
 */
public final class MemcachedServer extends TestServer {
    /** The replies that end a text-protocol answer. */
    private static final Set<String> LAST_LINES = Set.of("END", "STORED", "NOT_STORED", "EXISTS", "NOT_FOUND", "DELETED", "TOUCHED",
            "OK", "ERROR", "HD", "NF", "NS", "EX", "EN", "MN");

    private final int port;

    private MemcachedServer(int port, ServerProcess process) {
        super(process, "no environment variable (the tests always start their own memcached)", Duration.ofSeconds(10));
        this.port = port;
    }

    static MemcachedServer startOwned() {
        Path binary = Binaries.require("memcached", "memcached");
        Path dir = ServerProcess.tempFolder("aside-memcached-");
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-l", "127.0.0.1", "-p", Integer.toString(port), "-U", "0", "-m", "64"));
        if ("root".equals(System.getProperty("user.name"))) command.addAll(List.of("-u", "root")); // memcached refuses root without it
        MemcachedServer server = new MemcachedServer(port, new ServerProcess("memcached", command, dir));
        server.start();
        return server;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String url() {
        return "memcached://" + host() + ":" + port;
    }

    /** A key namespace no other test class uses. */
    public String freshNamespace() {
        return Namespaces.fresh();
    }

    /**
     * Sends one text-protocol request ({@code version}, {@code stats}, {@code flush_all}, a meta
     * command…; a storage command with its data line, joined by {@code \r\n}) on a connection of its
     * own, and returns the answer's lines up to and including the one that ends it.
     */
    public List<String> command(String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port), 1_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write((request + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                String word = line.split(" ", 2)[0];
                if (word.equals("VA")) { // a meta get's value: its data line ends the answer
                    lines.add(in.readLine());
                    break;
                }
                if (LAST_LINES.contains(word) || word.equals("VERSION") || word.endsWith("_ERROR")) break;
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("memcached at " + host() + ":" + port + " did not answer " + request.split(" ", 2)[0], e);
        }
    }

    @Override
    boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port), 200);
            socket.setSoTimeout(500);
            socket.getOutputStream().write("version\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] reply = socket.getInputStream().readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("VERSION");
        } catch (IOException notYet) {
            return false;
        }
    }
}
