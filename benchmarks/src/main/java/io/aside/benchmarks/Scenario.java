package io.aside.benchmarks;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One thing to measure: a request against one instance, and what every answer must be for the
 * measurement to count: its status, and the path X-Cache says it took (null where there is no cache
 * on the path).
 */
record Scenario(String request, String instance, List<URL> targets, int expectedStatus, String expectedXCache) {
    String label() {
        return request + " " + instance;
    }

    /**
     * The run's six scenarios, in the order {@link LoadReport} and {@link LoadClaim} read them: by id
     * cached, uncached; list pages cached, uncached; the ceiling; by id from Redis alone (near cache
     * off). Cached and uncached read the same paths; cached reads, and the ceiling, go to every cached
     * instance in turn.
     */
    static List<Scenario> all(List<String> cachedBases, String redisOnlyBase, String uncachedBase, List<Long> ids, int categories) {
        List<String> byId = ids.stream().map(id -> "/models/" + id).toList();
        List<String> lists = new ArrayList<>();
        for (int c = 0; c < categories; c++) {
            lists.add("/models?category=" + URLEncoder.encode(ModelSeeder.category(c), StandardCharsets.UTF_8) + "&limit=20");
        }
        return List.of(
                new Scenario("GET /models/{id}", "cached", urls(cachedBases, byId), 200, "HIT"),
                new Scenario("GET /models/{id}", "uncached", urls(List.of(uncachedBase), byId), 200, "MISS"),
                new Scenario("GET /models?category&limit=20", "cached", urls(cachedBases, lists), 200, "HIT"),
                new Scenario("GET /models?category&limit=20", "uncached", urls(List.of(uncachedBase), lists), 200, "MISS"),
                new Scenario("GET /models/abc (400)", "ceiling", urls(cachedBases, List.of("/models/abc")), 400, null),
                new Scenario("GET /models/{id}", "Redis only", urls(List.of(redisOnlyBase), byId), 200, "HIT"));
    }

    /** Every path on every base, the bases interleaved. */
    private static List<URL> urls(List<String> bases, List<String> paths) {
        List<URL> urls = new ArrayList<>();
        for (String path : paths) {
            for (String base : bases) urls.add(Http.url(base + path));
        }
        return urls;
    }
}
