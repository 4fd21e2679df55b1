package io.aside.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A server process the harness owns: started with a log file in its throw-away folder, and
 * controllable the way outages happen for real (stop, kill -9, SIGSTOP/SIGCONT, start again).
 */
final class ServerProcess {
    /**
     * How often a starting server is asked whether it answers. Redis and memcached answer within
     * milliseconds of their launch, and the suite starts and restarts servers many times (six for
     * every Redis Cluster): a probe is a refused or one-line connection, so asking often costs
     * nothing and waits less.
     */
    private static final long READY_POLL_MILLIS = 10;

    private final String name;
    private final List<String> command;
    private final Path folder;
    private Process process;

    ServerProcess(String name, List<String> command, Path folder) {
        this.name = name;
        this.command = List.copyOf(command);
        this.folder = folder;
    }

    static int freePort() {
        return freePorts(1).get(0);
    }

    /**
     * {@code count} ports free at once, all different: for servers started side by side, each of
     * which would otherwise ask for a free port while the others' are not bound yet.
     */
    static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) sockets.add(new ServerSocket(0));
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is free either way once this JVM lets go of it
                }
            }
        }
    }

    static Path tempFolder(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void run(List<String> command, Path log, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within " + timeout + "; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed (exit " + p.exitValue() + "): " + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    synchronized void start(BooleanSupplier ready, Duration timeout) {
        if (process != null && process.isAlive()) return;
        Path log = folder.resolve(name + ".log");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::kill));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) throw new IllegalStateException(name + " exited at start: " + tail(log));
            if (System.nanoTime() > deadline) throw new IllegalStateException(name + " not ready within " + timeout + ": " + tail(log));
            sleep(READY_POLL_MILLIS);
        }
    }

    /** Stops the server the polite way (SIGTERM) and waits for it to exit. */
    synchronized void stop() {
        if (process == null) return;
        process.destroy();
        awaitExit();
    }

    /** Kills the server outright (SIGKILL), as a crash would. */
    synchronized void kill() {
        if (process == null) return;
        process.destroyForcibly();
        awaitExit();
    }

    /** Freezes the server (SIGSTOP): its port still accepts connections, but nothing answers. */
    synchronized void pause() {
        signal("STOP");
        awaitStopped();
    }

    /**
     * Until every thread of the server has stopped: a group stop reaches each thread as it next runs,
     * so a worker thread could still answer a request after kill returned. Linux's /proc tells.
     */
    private void awaitStopped() {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            try (var threads = Files.list(tasks)) {
                if (threads.allMatch(ServerProcess::isStopped)) return;
            } catch (IOException | UncheckedIOException e) {
                return; // no /proc to ask: the signal has been sent, which is all that can be known
            }
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
        throw new IllegalStateException(name + " did not stop within 5 s of SIGSTOP");
    }

    /** The state field of /proc/<pid>/task/<tid>/stat, after the command name in parentheses: 'T' when stopped. */
    private static boolean isStopped(Path thread) {
        try {
            String stat = Files.readString(thread.resolve("stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'T';
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        if (process == null || !process.isAlive()) throw new IllegalStateException(name + " is not running");
        run(List.of("kill", "-" + signal, Long.toString(process.pid())), folder.resolve("signal.log"), Duration.ofSeconds(5));
    }

    private void awaitExit() {
        try {
            // a paused (SIGSTOPped) server only acts on the signal once it runs again

            new ProcessBuilder("kill", "-CONT", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException ignored) {
            // the process is gone or going; nothing else to do
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
