package io.aside.benchmarks;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One thing to measure: a request against one instance, and what every answer must be for the
 * measurement to count: its status, and the path X-Cache says it took (null where there is no cache
 * on the path).
 */
record Scenario(String request, String instance, List<URL> targets, int expectedStatus, String expectedXCache) {
    /** The instance name of the request that touches no store: what the others are held to. */
    static final String CEILING = "ceiling";

    String label() {
        return request + " " + instance;
    }

    boolean isCeiling() {
        return CEILING.equals(instance);
    }

    /**
     * The run's scenarios, in the order {@link LoadReport} and {@link LoadClaim} read them: by id
     * cached, uncached; list pages cached, uncached; the ceiling; and, where the cache has a near cache
     * to turn off ({@link CacheKind#nearCache()}), by id from the server alone. Cached and uncached read
     * the same paths; cached reads, and the ceiling, go to every cached instance in turn.
     */
    static List<Scenario> all(CacheKind kind, List<String> cachedBases, Optional<String> serverOnlyBase, String uncachedBase, List<Long> ids,
                              int categories) {
        List<String> byId = ids.stream().map(id -> "/models/" + id).toList();
        List<String> lists = new ArrayList<>();
        for (int c = 0; c < categories; c++) {
            lists.add("/models?category=" + URLEncoder.encode(ModelSeeder.category(c), StandardCharsets.UTF_8) + "&limit=20");
        }
        List<Scenario> scenarios = new ArrayList<>(List.of(
                new Scenario("GET /models/{id}", "cached", urls(cachedBases, byId), 200, "HIT"),
                new Scenario("GET /models/{id}", "uncached", urls(List.of(uncachedBase), byId), 200, "MISS"),
                new Scenario("GET /models?category&limit=20", "cached", urls(cachedBases, lists), 200, "HIT"),
                new Scenario("GET /models?category&limit=20", "uncached", urls(List.of(uncachedBase), lists), 200, "MISS"),
                new Scenario("GET /models/abc (400)", CEILING, urls(cachedBases, List.of("/models/abc")), 400, null)));
        if (kind.nearCache() != serverOnlyBase.isPresent()) {
            throw new IllegalArgumentException(kind + ": a server-only instance is run exactly where there is a near cache to turn off");
        }
        serverOnlyBase.ifPresent(base -> scenarios.add(
                new Scenario("GET /models/{id}", kind.serverOnlyLabel(), urls(List.of(base), byId), 200, "HIT")));
        return List.copyOf(scenarios);
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
