package io.aside.web;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.aside.application.HealthCheck;
import io.aside.application.Read;
import io.aside.domain.cache.Presence;
import io.aside.testing.HttpReply;
import org.junit.jupiter.api.Test;

class OperationsRoutesTest extends ApiTestBase {

    @Test
    void givenDatabaseAndCacheUp_whenHealth_then200Up() {
        when(healthCheck.check()).thenReturn(new HealthCheck.Report(HealthCheck.Status.UP, true, true, true));

        HttpReply response = http.get("/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.text()).isEqualTo("{\"status\":\"UP\",\"components\":{\"db\":{\"status\":\"UP\"},\"cache\":{\"status\":\"UP\"}}}");
    }

    @Test
    void givenCacheDown_whenHealth_then200DegradedBecauseReadsFailOpen() {
        when(healthCheck.check()).thenReturn(new HealthCheck.Report(HealthCheck.Status.DEGRADED, true, false, true));

        HttpReply response = http.get("/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("{\"status\":\"DEGRADED\",\"components\":{\"db\":{\"status\":\"UP\"},\"cache\":{\"status\":\"DOWN\"}}}");
    }

    @Test
    void givenUndeliveredInvalidation_whenHealth_then200DegradedWithTheCacheBypassed() {
        when(healthCheck.check()).thenReturn(new HealthCheck.Report(HealthCheck.Status.DEGRADED, true, true, false));

        HttpReply response = http.get("/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("{\"status\":\"DEGRADED\",\"components\":{\"db\":{\"status\":\"UP\"},\"cache\":{\"status\":\"UNTRUSTED\"}}}");
    }

    @Test
    void givenDatabaseDown_whenHealth_then503Down() {
        when(healthCheck.check()).thenReturn(new HealthCheck.Report(HealthCheck.Status.DOWN, false, true, true));

        HttpReply response = http.get("/health");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.text()).isEqualTo("{\"status\":\"DOWN\",\"components\":{\"db\":{\"status\":\"DOWN\"},\"cache\":{\"status\":\"UP\"}}}");
    }

    @Test
    void givenServedRequests_whenMetrics_thenPrometheusTextWithTimingsPerRouteTemplate() {
        when(getModel.get(any())).thenReturn(new Read<>(Presence.of(model(1, "furniture")), true));
        http.get("/models/1");
        http.get("/models/123456");
        http.get("/no/such/path/" + System.nanoTime());

        HttpReply response = http.get("/metrics");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo(OperationsRoutes.PROMETHEUS_TEXT);
        assertThat(response.text())
                .contains("aside_http_server_requests_seconds_count{method=\"GET\",route=\"/models/{id}\",status=\"200\"} 2")
                .contains("route=\"UNMATCHED\",status=\"404\"")
                .doesNotContain("/models/123456", "/no/such/path");
    }

    @Test
    void givenCacheMetricsOnTheSameRegistry_whenMetrics_thenCacheCountersAreExposed() {
        registry.counter("aside.cache.hits", "cache", "model").increment(); // as the metrics adapter records a hit

        assertThat(http.get("/metrics").text()).contains("aside_cache_hits_total{cache=\"model\"}");
    }
}
