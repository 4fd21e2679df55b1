package io.aside.bootstrap.consistency;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps every core busy, as a neighbour or a GC storm would: twice as many spinning threads as
 * cores, in this JVM, competing with the services' request threads and with Redis and MariaDB.
 */
final class CpuBurner implements AutoCloseable {
    private final AtomicBoolean burning = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private volatile double sink;

    private CpuBurner() {}

    static CpuBurner start() {
        CpuBurner burner = new CpuBurner();
        int count = 2 * Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(burner::spin, "cpu-burner-" + i);
            thread.setDaemon(true);
            burner.threads.add(thread);
            thread.start();
        }
        return burner;
    }

    private void spin() {
        double x = 1;
        while (burning.get()) {
            for (int i = 0; i < 10_000; i++) x = Math.sqrt(x + i);
            sink = x;
        }
    }

    @Override
    public void close() {
        burning.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
