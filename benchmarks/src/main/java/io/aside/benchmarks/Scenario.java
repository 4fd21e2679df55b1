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
     * The run's five scenarios, in the order {@link LoadReport} and {@link LoadClaim} read them: by id
     * cached, uncached; list pages cached, uncached; the ceiling. Cached and uncached read the same URLs.
     */
    static List<Scenario> all(String cachedBase, String uncachedBase, List<Long> ids, int categories) {
        List<URL> cachedById = new ArrayList<>();
        List<URL> uncachedById = new ArrayList<>();
        for (long id : ids) {
            cachedById.add(Http.url(cachedBase + "/models/" + id));
            uncachedById.add(Http.url(uncachedBase + "/models/" + id));
        }
        List<URL> cachedLists = new ArrayList<>();
        List<URL> uncachedLists = new ArrayList<>();
        for (int c = 0; c < categories; c++) {
            String query = "/models?category=" + URLEncoder.encode(ModelSeeder.category(c), StandardCharsets.UTF_8) + "&limit=20";
            cachedLists.add(Http.url(cachedBase + query));
            uncachedLists.add(Http.url(uncachedBase + query));
        }
        return List.of(
                new Scenario("GET /models/{id}", "cached", cachedById, 200, "HIT"),
                new Scenario("GET /models/{id}", "uncached", uncachedById, 200, "MISS"),
                new Scenario("GET /models?category&limit=20", "cached", cachedLists, 200, "HIT"),
                new Scenario("GET /models?category&limit=20", "uncached", uncachedLists, 200, "MISS"),
                new Scenario("GET /models/abc (400)", "ceiling", List.of(Http.url(cachedBase + "/models/abc")), 400, null));
    }
}
