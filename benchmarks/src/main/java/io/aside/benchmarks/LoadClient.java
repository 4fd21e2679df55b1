package io.aside.benchmarks;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.HdrHistogram.Histogram;

/**
 * One client thread: requests random targets of its scenario until its deadline, timing each one and
 * checking each answer. Its counts are its own (no sharing between threads while they run);
 * {@link LoadDriver} adds them up once every client has stopped.
 */
final class LoadClient implements Runnable {
    private final Scenario scenario;
    private final long end;
    private final byte[] buffer = new byte[16 * 1024]; // reused: the measured loop should not allocate per request
    final Histogram latency = Outcome.emptyLatencies();
    long requests;
    long errors;
    long wrongCache;
    long lastDone;
    String firstProblem;

    LoadClient(Scenario scenario, long end) {
        this.scenario = scenario;
        this.end = end;
    }

    @Override
    public void run() {
        List<URL> targets = scenario.targets();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long started;
        while ((started = System.nanoTime()) < end) {
            URL target = targets.get(targets.size() == 1 ? 0 : random.nextInt(targets.size()));
            try {
                HttpURLConnection c = Http.open(target);
                int status = c.getResponseCode();
                String xCache = c.getHeaderField("X-Cache");
                Http.drain(c, status, buffer);
                long done = System.nanoTime();
                latency.recordValue(Math.min(done - started, Outcome.HIGHEST_TRACKABLE_NANOS));
                requests++;
                lastDone = done;
                check(target, status, xCache);
            } catch (IOException | RuntimeException e) {
                requests++;
                errors++;
                lastDone = System.nanoTime();
                problem(e + " from " + target);
            }
        }
    }

    /** A wrong status is an error; a wrong X-Cache means the answer did not take the path being measured. */
    private void check(URL target, int status, String xCache) {
        if (status != scenario.expectedStatus()) {
            errors++;
            problem("status " + status + " from " + target);
        } else if (scenario.expectedXCache() != null && !scenario.expectedXCache().equals(xCache)) {
            wrongCache++;
            problem("X-Cache " + xCache + " from " + target + ", expected " + scenario.expectedXCache());
        }
    }

    private void problem(String what) {
        if (firstProblem == null) firstProblem = what;
    }
}
