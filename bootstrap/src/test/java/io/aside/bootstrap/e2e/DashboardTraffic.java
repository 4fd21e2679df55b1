package io.aside.bootstrap.e2e;

import static io.aside.bootstrap.e2e.ModelJson.model;

import io.aside.testing.ApiClient;
import io.aside.testing.HttpReply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What a dashboard should have something to show of: reads of hot models (cache hits), of models
 * just created (loads), of a missing one (a tombstone), of a list page, and updates (invalidations
 * with their lag), on one thread until closed. Answers that are not what the API promises are kept.
 */
final class DashboardTraffic implements AutoCloseable {
    private static final int MODELS = 12;
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final ApiClient http;
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean stopped;

    private DashboardTraffic(ApiClient http) {
        this.http = http;
        this.thread = new Thread(this::run, "dashboard-traffic");
        thread.setDaemon(true);
    }

    static DashboardTraffic start(ApiClient http) {
        DashboardTraffic traffic = new DashboardTraffic(http);
        traffic.thread.start();
        return traffic;
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    private void run() {
        List<Long> ids = new ArrayList<>();
        for (int round = 0; !stopped; round++) {
            try {
                if (ids.size() < MODELS || round % 50 == 0) ids.add(http.post("/models", model("m" + round, "dashboard")).json().get("id").asLong());
                for (long id : ids) expect(http.get("/models/" + id), 200);
                expect(http.get("/models/999999999"), 404);
                expect(http.list("dashboard", 20), 200);
                if (round % 5 == 0) update(ids.get(round % ids.size()));
            } catch (RuntimeException | AssertionError e) {
                failures.add(e.toString());
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    private void update(long id) {
        HttpReply read = http.get("/models/" + id);
        String version = read.header("ETag");
        HttpReply updated = http.request("PUT", "/models/" + id).header("If-Match", version).json(model("updated", "dashboard")).send();
        expect(updated, 200);
    }

    private void expect(HttpReply reply, int status) {
        if (reply.status() != status) failures.add("expected " + status + ": " + reply);
    }

    @Override
    public void close() {
        stopped = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
