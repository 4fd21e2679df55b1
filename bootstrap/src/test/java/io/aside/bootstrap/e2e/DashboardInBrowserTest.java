package io.aside.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aside.bootstrap.AsideService;
import io.aside.testing.ApiClient;
import io.aside.testing.ApiDocument;
import io.aside.testing.HeadlessChromium;
import io.aside.testing.RedisServer;
import io.aside.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The dashboard in a real browser (headless Chromium), on the production wiring with Redis and the
 * near cache: it draws with no traffic yet, draws every chart while traffic runs, and keeps drawing
 * with Redis killed, showing the cache down. The page must never log an error to the console.
 * Screenshots are left in {@code target/} for people.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardInBrowserTest {
    private static final List<String> CHARTS = List.of("requests", "latency", "hits", "loads", "lag", "outbox", "stale", "states");
    /** Drawn from the first poll: they need no earlier poll to take a rate from. */
    private static final List<String> GAUGE_CHARTS = List.of("outbox", "stale", "states");
    /** Values over several polls, not a first one: lines a person can read. */
    private static final long MANY_POINTS = 6;

    private static RedisServer redis;
    private static AsideService service;
    private static HeadlessChromium browser;
    private static DashboardTraffic traffic;

    @BeforeAll
    static void start() {
        redis = TestServers.dedicatedRedis();
        service = AsideService.start(Services.productionConfigOn(TestServers.mariaDb(), redis));
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (traffic != null) traffic.close();
        if (browser != null) browser.close();
        if (service != null) service.close();
        if (redis != null) redis.close();
    }

    @Test
    @Order(1)
    void givenNoTrafficYet_whenTheHomePageIsOpened_thenTheDashboardShowsEveryChartAndDrawsTheGauges() {
        browser.open("data:text/html,<link rel=icon href='data:,'>");
        browser.evaluate("console.error('a probe'); return 0");
        assertThat(browser.consoleErrors()).as("the console is heard").anySatisfy(error -> assertThat(error).contains("a probe"));

        browser.open(url("/")); // the default pace, every 2 s

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(polls()).isGreaterThanOrEqualTo(2));
        assertThat(browser.<String>evaluate("return location.pathname")).isEqualTo("/dashboard");
        Map<String, Chart> charts = charts();
        assertThat(charts).containsOnlyKeys(CHARTS);
        for (String chart : GAUGE_CHARTS) assertThat(charts.get(chart).drawnPoints()).as(chart).isPositive();
        assertThat(tiles()).contains("service=UP", "database=UP", "cache (redis)=UP", "breaker=closed", "stale bound=0.00 s", "outbox backlog=0");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(2)
    void givenTrafficRunning_whenWatched_thenEveryChartDrawsPoints() {
        traffic = DashboardTraffic.start(new ApiClient(service.port(), ApiDocument.load()));
        browser.open(url("/dashboard?every=500"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Chart> charts = charts();
            for (String chart : CHARTS) assertThat(charts.get(chart).drawnPoints()).as(chart).isGreaterThanOrEqualTo(MANY_POINTS);
        });
        Map<String, Chart> charts = charts();
        assertThat(charts.get("requests").series()).contains("GET /models/{id}", "GET /models", "POST /models", "PUT /models/{id}");
        assertThat(charts.get("hits").drawn()).as("every tier's ratio drawn")
                .containsOnlyKeys("near cache (memory)", "redis", "all tiers").allSatisfy((tier, points) -> assertThat(points).isPositive());
        assertThat(charts.get("lag").series()).contains("commit → delivered p99", "delivered → acknowledged p99");
        browser.screenshot(Path.of("target", "dashboard.png"));
        assertThat(traffic.failures()).as("requests that failed while the cache was up").isEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(3)
    void givenRedisKilledUnderTraffic_whenWatched_thenThePageKeepsDrawingAndShowsTheCacheDown() {
        long pollsBefore = polls();
        redis.kill();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(tiles()).contains("service=DEGRADED", "cache (redis)=DOWN", "breaker=open"));
        assertThat(polls()).as("polls went on").isGreaterThan(pollsBefore);
        assertThat(charts().get("requests").drawnPoints()).isGreaterThanOrEqualTo(MANY_POINTS);
        browser.screenshot(Path.of("target", "dashboard-cache-down.png"));
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private static String url(String path) {
        return "http://localhost:" + service.port() + path;
    }

    private static long polls() {
        return browser.<Long>evaluate("return window.asideDashboard ? window.asideDashboard.polls() : 0");
    }

    /** What a chart's last draw showed: how many values of each series. */
    private record Chart(Map<String, Long> drawn) {
        Set<String> series() {
            return drawn.keySet();
        }

        long drawnPoints() {
            return drawn.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static Map<String, Chart> charts() {
        Map<String, Map<String, Long>> charts = browser.evaluate("return window.asideDashboard.charts()");
        Map<String, Chart> result = new TreeMap<>();
        charts.forEach((id, drawn) -> result.put(id, new Chart(new TreeMap<>(drawn))));
        return result;
    }

    /** The tiles as "name=value". */
    private static List<String> tiles() {
        return browser.evaluate("return [...document.querySelectorAll('#tiles .tile')]"
                + ".map(t => t.querySelector('.name').textContent + '=' + t.querySelector('.value').textContent)");
    }
}
