package io.aside.bootstrap.e2e;

import static io.aside.bootstrap.e2e.ModelJson.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import io.aside.testing.ApiClient;
import io.aside.testing.ApiDocument;
import io.aside.testing.HttpReply;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole service on MariaDB (Connector/J) + a shared cache, two instances booted through the
 * production wiring, over HTTP: on one Redis ({@link ProductionWiringEndToEndTest}), on a Redis Cluster
 * ({@link ProductionWiringOnRedisClusterTest}) and on memcached ({@link ProductionWiringOnMemcachedTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProductionWiringScenario {
    private final Supplier<AsideConfig> production;
    private AsideService service;
    private AsideService secondInstance;
    private ApiClient http;
    private ApiClient other;

    /** @param production the production configuration on the servers of the subclass, a fresh database and namespace each time */
    ProductionWiringScenario(Supplier<AsideConfig> production) {
        this.production = production;
    }

    @BeforeAll
    void boot() {
        AsideConfig config = production.get();
        service = AsideService.start(config);
        secondInstance = AsideService.start(config);
        ApiDocument document = ApiDocument.load(); // every reply below must be one the API document describes
        http = new ApiClient(service.port(), document);
        other = new ApiClient(secondInstance.port(), document);
    }

    @AfterAll
    void stop() {
        if (secondInstance != null) secondInstance.close();
        if (service != null) service.close();
    }

    @Test
    void givenCreatedModel_whenReadTwice_thenMissThenHitWithSameBodyAndEtag() {
        HttpReply created = http.post("/models", model("lamp 💡", "furniture"));
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/models/" + id);

        HttpReply first = http.get("/models/" + id);
        HttpReply second = http.get("/models/" + id);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("X-Cache")).isEqualTo("MISS");
        assertThat(second.header("X-Cache")).isEqualTo("HIT");
        assertThat(second.json()).isEqualTo(first.json()).isEqualTo(created.json());
        assertThat(second.header("ETag")).isEqualTo("\"1\"");
        assertThat(first.json().get("name").asText()).isEqualTo("lamp 💡");
    }

    /**
     * A model's whole life, each step on one instance and checked at once on the other: what one
     * instance cached (model, page, tombstone) the other serves, and every write reaches both.
     */
    @Test
    void givenAModelsLifeSpreadOverBothInstances_whenCreatedReadListedUpdatedWithIfMatchAndDeleted_thenEachStepShowsOnTheOther() {
        String category = "kitchen";
        HttpReply created = http.post("/models", model("kettle", category));
        assertThat(created.status()).isEqualTo(201);
        String path = created.header("Location");

        HttpReply read = other.get(path);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(created.json());
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(http.get(path).header("X-Cache")).as("filled by the other instance").isEqualTo("HIT");
        assertThat(ids(other.list(category, 10))).containsExactly(created.json().get("id").asLong());
        assertThat(http.list(category, 10).header("X-Cache")).as("the page the other instance filled").isEqualTo("HIT");

        HttpReply updated = http.request("PUT", path).header("If-Match", read.header("ETag"))
                .json("{\"name\":\"whistling kettle\",\"category\":\"kitchen\",\"attributes\":{\"litres\":\"1.7\"}}").send();
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");
        HttpReply reread = other.get(path);
        assertThat(reread.json()).isEqualTo(updated.json());
        assertThat(reread.header("ETag")).isEqualTo("\"2\"");
        assertThat(other.list(category, 10).json().get("items")).extracting(n -> n.get("name").asText()).containsExactly("whistling kettle");
        assertThat(other.request("PUT", path).header("If-Match", "\"1\"")
                .json("{\"name\":\"lost update\",\"category\":\"kitchen\",\"attributes\":{}}").send().status())
                .as("an update of the replaced version").isEqualTo(412);

        assertThat(other.request("DELETE", path).header("If-Match", "\"2\"").send().status()).isEqualTo(204);

        for (ApiClient instance : List.of(http, other)) {
            assertThat(instance.get(path).status()).isEqualTo(404);
            assertThat(instance.list(category, 10).json().get("items")).isEmpty();
        }
        assertThat(http.get(path).header("X-Cache")).as("the tombstone answers").isEqualTo("HIT");
    }

    @Test
    void givenCachedModel_whenUpdatedOnOneInstance_thenBothInstancesServeTheNewVersionAtOnce() {
        long id = http.post("/models", model("chair", "furniture")).json().get("id").asLong();
        assertThat(http.get("/models/" + id).status()).isEqualTo(200);
        assertThat(other.get("/models/" + id).header("X-Cache")).isEqualTo("HIT");

        HttpReply updated = http.put("/models/" + id, "{\"name\":\"armchair\",\"category\":\"seating\",\"attributes\":{},\"version\":1}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("version").asLong()).isEqualTo(2);

        for (ApiClient instance : new ApiClient[] {http, other}) {
            HttpReply read = instance.get("/models/" + id);
            assertThat(read.json().get("name").asText()).isEqualTo("armchair");
            assertThat(read.header("ETag")).isEqualTo("\"2\"");
        }
    }

    @Test
    void givenCachedModel_whenDeleted_thenNotFoundEverywhereAtOnce() {
        long id = http.post("/models", model("stool", "furniture")).json().get("id").asLong();
        assertThat(other.get("/models/" + id).status()).isEqualTo(200);
        assertThat(other.get("/models/" + id).header("X-Cache")).isEqualTo("HIT");

        assertThat(http.delete("/models/" + id).status()).isEqualTo(204);

        HttpReply gone = other.get("/models/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.header("Content-Type")).startsWith("application/problem+json");
        assertThat(http.delete("/models/" + id).status()).isEqualTo(404);
    }

    @Test
    void givenCachedListPage_whenModelCreatedInTheCategory_thenTheNextListShowsIt() {
        String category = "lighting ☀️ \"quoted\"";
        long first = http.post("/models", model("desk lamp", category)).json().get("id").asLong();
        HttpReply page = http.list(category, 10);
        assertThat(http.list(category, 10).header("X-Cache")).isEqualTo("HIT");
        assertThat(page.json().get("items")).hasSize(1);

        long second = other.post("/models", model("floor lamp", category)).json().get("id").asLong();

        HttpReply after = http.list(category, 10);
        assertThat(after.json().get("items")).extracting(n -> n.get("id").asLong()).containsExactly(first, second);
        assertThat(http.list(category.toUpperCase(), 10).json().get("items")).isEmpty();
    }

    @Test
    void givenModelMovedToAnotherCategory_whenListed_thenItLeavesTheOldPageAndJoinsTheNew() {
        long id = http.post("/models", model("vase", "decor")).json().get("id").asLong();
        assertThat(http.list("decor", 5).json().get("items")).hasSize(1);
        assertThat(http.list("garden", 5).json().get("items")).isEmpty();

        http.put("/models/" + id, "{\"name\":\"vase\",\"category\":\"garden\",\"attributes\":{},\"version\":1}");

        assertThat(other.list("decor", 5).json().get("items")).isEmpty();
        assertThat(other.list("garden", 5).json().get("items")).hasSize(1);
    }

    @Test
    void givenStaleVersion_whenUpdated_thenConflictProblemAndModelUnchanged() {
        long id = http.post("/models", model("table", "furniture")).json().get("id").asLong();
        http.put("/models/" + id, "{\"name\":\"big table\",\"category\":\"furniture\",\"attributes\":{},\"version\":1}");

        HttpReply conflict = other.put("/models/" + id, "{\"name\":\"small table\",\"category\":\"furniture\",\"attributes\":{},\"version\":1}");

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.header("Content-Type")).startsWith("application/problem+json");
        assertThat(conflict.json().get("status").asInt()).isEqualTo(409);
        assertThat(http.get("/models/" + id).json().get("name").asText()).isEqualTo("big table");
    }

    @Test
    void givenBadInput_whenSent_thenProblemDocumentsAndNothingStored() {
        int before = http.list("furniture", 100).json().get("items").size();

        HttpReply invalid = http.post("/models", "{\"name\":\"\",\"category\":\"furniture\",\"attributes\":{\"k\":1}}");
        HttpReply badId = http.get("/models/abc");
        HttpReply unknown = http.get("/models/999999");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors")).extracting(e -> e.get("field").asText()).contains("name", "attributes.k");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("X-Cache")).isEqualTo("MISS");
        assertThat(http.get("/models/999999").header("X-Cache")).isEqualTo("HIT"); // the tombstone answers
        assertThat(http.list("furniture", 100).json().get("items")).hasSize(before);
    }

    @Test
    void givenRunningService_whenHealthAndMetricsAsked_thenBothStoresUpAndCacheCountersExposed() {
        HttpReply health = http.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/cache/status").asText()).isEqualTo("UP");

        long id = http.post("/models", model("metered", "furniture")).json().get("id").asLong();
        http.get("/models/" + id);
        http.get("/models/" + id);
        String metrics = http.get("/metrics").text();
        assertThat(metrics).contains("aside_cache_hits_total{cache=\"model\"", "aside_cache_misses_total{cache=\"model\"",
                "aside_cache_load_seconds", "aside_http_server_requests_seconds");
    }

    private static List<Long> ids(HttpReply list) {
        return StreamSupport.stream(list.json().get("items").spliterator(), false).map(n -> n.get("id").asLong()).toList();
    }
}
