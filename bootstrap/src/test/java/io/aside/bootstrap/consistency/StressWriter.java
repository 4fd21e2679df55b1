package io.aside.bootstrap.consistency;

import static io.aside.bootstrap.e2e.ModelJson.model;

import io.aside.bootstrap.e2e.ModelJson;
import io.aside.testing.ApiClient;
import io.aside.testing.HttpReply;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A stress writer's moves on either instance: mostly updates with the version it just read (a 409
 * means another writer won: read again and retry), now and then a create or a delete, keeping about
 * {@value #LIVE_TARGET} models alive across the categories.
 */
final class StressWriter implements Consumer<Random> {
    private static final int LIVE_TARGET = 5;
    private static final int MAX_ATTEMPTS = 20;
    private static final int MAX_THINK_MILLIS = 40;

    private final TwoInstances services;
    private final List<String> categories;
    private final StressLedger ledger;

    StressWriter(TwoInstances services, List<String> categories, StressLedger ledger) {
        this.services = services;
        this.categories = List.copyOf(categories);
        this.ledger = ledger;
    }

    /** One write, then a random think time, so that pages and models get cached between writes. */
    @Override
    public void accept(Random random) {
        int dice = random.nextInt(20);
        int live = ledger.liveCount();
        if (live < LIVE_TARGET - 1 || (dice == 0 && live < LIVE_TARGET + 2)) create(random);
        else if (dice == 1 && live > LIVE_TARGET - 2) delete(random);
        else update(random);
        think(random.nextInt(MAX_THINK_MILLIS));
    }

    void create(Random random) {
        HttpReply created = anyInstance(random).post("/models", model("s" + random.nextInt(1000), category(random)));
        if (created.status() == 201) ledger.created(created.json().get("id").asLong());
        else ledger.fail("POST answered " + created.status());
    }

    private void delete(Random random) {
        long id = ledger.anyLive(random);
        if (id < 0) return;
        int status = anyInstance(random).delete("/models/" + id).status();
        if (status == 204) ledger.deletes.incrementAndGet();
        else if (status != 404) ledger.fail("DELETE " + id + " answered " + status);
        ledger.deleted(id);
    }

    private void update(Random random) {
        long id = ledger.anyLive(random);
        if (id < 0) return;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            HttpReply current = anyInstance(random).get("/models/" + id);
            if (current.status() == 404) return;
            String body = "{\"name\":\"n" + random.nextInt(1000) + "\",\"category\":" + ModelJson.quote(category(random))
                    + ",\"attributes\":{\"r\":\"" + random.nextInt(100) + "\"},\"version\":" + current.json().get("version").asLong() + "}";
            int status = anyInstance(random).put("/models/" + id, body).status();
            if (status == 200) {
                ledger.updates.incrementAndGet();
                return;
            }
            if (status == 404) return;
            if (status != 409) {
                ledger.fail("PUT " + id + " answered " + status);
                return;
            }
            ledger.conflicts.incrementAndGet();
        }
        ledger.fail("PUT " + id + " conflicted " + MAX_ATTEMPTS + " times in a row: are readers served a stale version?");
    }

    /** A pause between operations: workload shape, not synchronisation. */
    private static void think(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String category(Random random) {
        return categories.get(random.nextInt(categories.size()));
    }

    private ApiClient anyInstance(Random random) {
        return (random.nextBoolean() ? services.a() : services.b()).http();
    }
}
