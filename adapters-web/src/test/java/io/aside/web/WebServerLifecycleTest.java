package io.aside.web;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.aside.application.CreateModel;
import io.aside.application.DeleteModel;
import io.aside.application.GetModel;
import io.aside.application.HealthCheck;
import io.aside.application.ListModels;
import io.aside.application.Read;
import io.aside.application.UpdateModel;
import io.aside.domain.cache.Presence;
import io.aside.testing.ApiClient;
import io.aside.testing.HttpReply;
import io.aside.testing.RawHttp;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WebServerLifecycleTest {
    private final GetModel getModel = mock(GetModel.class);

    private WebServer server(WebSettings settings) {
        return new WebServer(settings, getModel, mock(ListModels.class), mock(CreateModel.class), mock(UpdateModel.class),
                mock(DeleteModel.class), mock(HealthCheck.class), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @Test
    void givenPortZero_whenStarted_thenItServesOnTheBoundPort() {
        try (WebServer server = server(WebSettings.onPort(0)).start()) {
            assertThat(server.port()).isPositive();
            assertThat(new ApiClient(server.port()).get("/nope").status()).isEqualTo(404);
        }
    }

    @Test
    void givenRequestInFlight_whenStopped_thenItCompletesAndNewConnectionsAreRefused() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        when(getModel.get(any())).thenAnswer(call -> {
            entered.countDown();
            Thread.sleep(500);
            return new Read<>(Presence.of(model(1, "furniture")), false);
        });
        WebServer server = server(new WebSettings(0, 1024, Duration.ofSeconds(5))).start();
        int port = server.port();
        ApiClient http = new ApiClient(port);

        CompletableFuture<HttpReply> inFlight = CompletableFuture.supplyAsync(() -> http.get("/models/1"));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        server.stop();

        assertThat(inFlight.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThatThrownBy(() -> http.get("/models/1")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void givenSmallBodyLimit_whenBodyExceedsIt_then413() {
        try (WebServer server = server(new WebSettings(0, 16, Duration.ZERO)).start()) {
            HttpReply response = new ApiClient(server.port()).post("/models", "{\"name\":\"seventeen bytes+\"}");

            Responses.assertProblem(response, 413);
        }
    }

    @Test
    void givenSmallBodyLimit_whenChunkedBodyWithoutLengthExceedsIt_then413() throws Exception {
        try (WebServer server = server(new WebSettings(0, 16, Duration.ZERO)).start()) {
            String chunk = "{\"name\":\"seventeen bytes and more\"}";
            HttpReply response = RawHttp.send(server.port(), "POST /models HTTP/1.1\r\nHost: l\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("content-type")).isEqualTo("application/problem+json");
        }
    }

    @Test
    void whenSettingsAreOutOfRange_thenTheyAreRefusedAtConstruction() {
        assertThatThrownBy(() -> WebSettings.onPort(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebSettings.onPort(65_536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebSettings(0, 0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebSettings(0, 1, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
