package io.aside.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.testing.HttpReply;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard and its files are served by the service itself, and the page may load nothing from elsewhere. */
class DashboardRoutesTest extends ApiTestBase {
    @Test
    void givenTheHomePage_whenAskedFor_thenItRedirectsToTheDashboard() {
        HttpReply reply = http.get("/");

        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.header("Location")).isEqualTo("/dashboard");
        assertThat(http.get("/?every=500").header("Location")).as("the query goes along").isEqualTo("/dashboard?every=500");
    }

    @Test
    void givenTheDashboard_whenAskedFor_thenHtmlWhosePolicyAllowsThisServiceOnly() {
        HttpReply reply = http.get("/dashboard");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/html");
        assertThat(reply.header("Content-Security-Policy")).startsWith("default-src 'self';").doesNotContain("http");
        assertThat(reply.text()).contains("src=\"/dashboard/uPlot.iife.min.js\"", "src=\"/dashboard/dashboard.js\"")
                .doesNotContain("src=\"http", "href=\"http", "//cdn");
    }

    @Test
    void givenEveryFileThePageNames_whenAskedFor_thenServedWithItsType() {
        for (String script : List.of("dashboard.js", "uPlot.iife.min.js")) {
            HttpReply reply = http.get("/dashboard/" + script);
            assertThat(reply.status()).as(script).isEqualTo(200);
            assertThat(reply.header("Content-Type")).as(script).startsWith("text/javascript");
        }
        for (String style : List.of("dashboard.css", "uPlot.min.css")) {
            HttpReply reply = http.get("/dashboard/" + style);
            assertThat(reply.status()).as(style).isEqualTo(200);
            assertThat(reply.header("Content-Type")).as(style).startsWith("text/css");
        }
        assertThat(http.get("/dashboard/uPlot.iife.min.js").text()).as("uPlot itself, from its webjar").contains("uPlot");
    }

    @Test
    void givenAnUnknownFile_whenAskedFor_thenA404ProblemAndNothingFromTheClasspath() {
        for (String path : List.of("/dashboard/nope.js", "/dashboard/..%2Fopenapi.json", "/dashboard/%2E%2E%2Fapi.html")) {
            HttpReply reply = http.get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.header("Content-Type")).as(path).startsWith("application/problem+json");
        }
    }
}
