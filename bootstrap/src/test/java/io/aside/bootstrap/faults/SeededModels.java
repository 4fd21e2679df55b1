package io.aside.bootstrap.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.aside.testing.ApiClient;
import java.util.ArrayList;
import java.util.List;

/** What a Redis outage scenario stores before it breaks Redis. */
final class SeededModels {
    static final String LISTED = "listed";

    /**
     * Read twice: their entries are in Redis when it breaks. One per outage read, so that every read
     * asks Redis, as reads spread over many keys do: a key read again within the fallback window
     * (1 s) would be answered in process, without Redis, and the breaker would see fewer failures.
     */
    final List<JsonNode> cached = new ArrayList<>();
    /** The whole of category {@link #LISTED}, never listed before the outage. */
    final List<JsonNode> listed = new ArrayList<>();
    /**
     * Cached too: a write during the outage cannot reach Redis, so after the repair its old entry
     * must not be served (a paused Redis comes back with its data; the outbox replays the invalidation).
     */
    JsonNode toUpdate;
    JsonNode toDelete;

    static SeededModels create(ApiClient http) {
        SeededModels seeded = new SeededModels();
        for (int i = 0; i < RedisOutageScenario.READS; i++) seeded.cached.add(Requests.createCached(http, "cached " + i, "warm"));
        for (int i = 0; i < 3; i++) seeded.listed.add(Requests.create(http, "listed " + i, LISTED));
        seeded.toUpdate = Requests.createCached(http, "to update", "writes");
        seeded.toDelete = Requests.createCached(http, "to delete", "writes");
        return seeded;
    }
}
