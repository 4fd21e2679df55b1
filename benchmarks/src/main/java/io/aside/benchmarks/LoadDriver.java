package io.aside.benchmarks;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Puts scenarios under closed-loop load: {@code threads} {@link LoadClient}s, each sending its next
 * request as soon as the previous one answered, for a fixed time. The same driver warms up, settles
 * and measures, so that what is compiled and connected before the measurement is what it measures.
 */
final class LoadDriver {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** After its deadline a client may still wait for one answer: at most both timeouts, and a little. */
    private static final Duration LAST_ANSWER = Duration.ofMillis(Http.READ_TIMEOUT_MILLIS + Http.CONNECT_TIMEOUT_MILLIS + 1_000);

    static final int ROUNDS = 3;

    private final int threads;

    LoadDriver(int threads) {
        this.threads = threads;
    }

    /**
     * Runs every scenario unrecorded for {@code warmup} (so that the JIT has compiled every path before
     * anything is measured), then measures all of them in {@value #ROUNDS} rounds of {@code duration}
     * each, and keeps each scenario's best round: on a shared machine, a compilation or another process
     * only ever slows a round down, and rounds taken in turn spread that over every scenario instead of
     * whichever happened to be measured at the time. Errors and wrong paths of every round count.
     * Returns the outcomes in the scenarios' order.
     */
    List<Outcome> measureAll(List<Scenario> scenarios, Duration warmup, Duration duration) {
        Stopwatch t = Stopwatch.start();
        if (!warmup.isZero()) {
            for (Scenario s : scenarios) drive(s, warmup, false);
            System.out.printf(Locale.ROOT, "warm-up: every scenario unrecorded for %d s (%.1f s)%n", warmup.toSeconds(), t.seconds());
        }
        List<Outcome> best = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (int i = 0; i < scenarios.size(); i++) {
                Scenario s = scenarios.get(i);
                drive(s, Duration.ofMillis(500), false); // settle: connections to this instance open, pools busy
                System.out.printf(Locale.ROOT, "%s round %d of %d: measuring %s%n", LocalTime.now().format(CLOCK), round, ROUNDS, s.label());
                Outcome outcome = drive(s, duration, true);
                if (round == 1) best.add(outcome);
                else best.set(i, Outcome.better(best.get(i), outcome));
            }
        }
        return best;
    }

    /** {@code threads} closed-loop clients on the scenario for {@code length}; measured or not. */
    private Outcome drive(Scenario scenario, Duration length, boolean recorded) {
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<LoadClient> clients = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            LoadClient client = new LoadClient(scenario, end);
            clients.add(client);
            running.add(Workers.start("load-" + i, client));
        }
        Workers.joinAll(running, end + LAST_ANSWER.toNanos(), "still busy after its time was up: a request hangs");
        Outcome outcome = sum(scenario, start, clients);
        if (!recorded && (outcome.errors() > 0 || outcome.wrongCache() > 0)) {
            // the measured pass will count them too; say now which phase saw them first
            System.out.printf(Locale.ROOT, "  (warm-up of %s: %d errors, %d wrong X-Cache; first: %s)%n",
                    scenario.label(), outcome.errors(), outcome.wrongCache(), outcome.firstProblem());
        }
        return outcome;
    }

    /** The clients' counts added up; the time runs from the start to the last answer, not to the deadline. */
    private static Outcome sum(Scenario scenario, long start, List<LoadClient> clients) {
        Histogram all = Outcome.emptyLatencies();
        long requests = 0;
        long errors = 0;
        long wrongCache = 0;
        long lastDone = start;
        String firstProblem = null;
        for (LoadClient c : clients) {
            all.add(c.latency);
            requests += c.requests;
            errors += c.errors;
            wrongCache += c.wrongCache;
            lastDone = Math.max(lastDone, c.lastDone);
            if (firstProblem == null) firstProblem = c.firstProblem;
        }
        return new Outcome(scenario, requests, (lastDone - start) / 1e9, all, errors, wrongCache, firstProblem);
    }
}
