package io.aside.bootstrap.consistency;

import com.fasterxml.jackson.databind.JsonNode;
import io.aside.testing.ApiClient;
import io.aside.testing.HttpReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A stress reader's moves on either instance: gets of (mostly live, some deleted) ids and lists of
 * the categories, each checked for what any correct answer satisfies, whatever the races.
 */
final class StressReader implements Consumer<Random> {
    private final TwoInstances services;
    private final List<String> categories;
    private final int[] limits;
    private final StressLedger ledger;

    StressReader(TwoInstances services, List<String> categories, int[] limits, StressLedger ledger) {
        this.services = services;
        this.categories = List.copyOf(categories);
        this.limits = limits.clone();
        this.ledger = ledger;
    }

    @Override
    public void accept(Random random) {
        ApiClient http = (random.nextBoolean() ? services.a() : services.b()).http();
        ledger.reads.incrementAndGet();
        if (random.nextInt(3) > 0) get(http, random.nextInt(5) > 0 ? ledger.anyLive(random) : ledger.anySeen(random));
        else list(http, categories.get(random.nextInt(categories.size())), limits[random.nextInt(limits.length)]);
    }

    private void get(ApiClient http, long id) {
        if (id < 0) return;
        HttpReply reply = http.get("/models/" + id);
        if (reply.status() == 200 && reply.json().get("id").asLong() != id) ledger.fail("GET " + id + " answered " + reply.text());
        else if (reply.status() != 200 && reply.status() != 404) ledger.fail("GET " + id + " answered " + reply.status());
    }

    private void list(ApiClient http, String category, int limit) {
        HttpReply reply = http.list(category, limit);
        if (reply.status() != 200) {
            ledger.fail("list " + category + " answered " + reply.status());
            return;
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode item : reply.json().get("items")) {
            if (!category.equals(item.get("category").asText())) ledger.fail("list " + category + " holds " + item);
            ids.add(item.get("id").asLong());
        }
        if (ids.size() > limit || !ids.equals(ids.stream().sorted().distinct().toList())) {
            ledger.fail("list " + category + " limit " + limit + " is not the first ids in order: " + ids);
        }
    }
}
