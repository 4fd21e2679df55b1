package io.aside.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.application.CacheMetrics;
import io.aside.domain.cache.EntryKind;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class MicrometerCacheMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerCacheMetrics metrics = new MicrometerCacheMetrics(registry);

    @Test
    void givenCacheEvents_whenScraped_thenEachIsCountedPerCache() {
        metrics.hit(EntryKind.MODEL);
        metrics.hit(EntryKind.MODEL);
        metrics.miss(EntryKind.MODEL);
        metrics.negativeHit(EntryKind.MODEL);
        metrics.leaseWait(EntryKind.PAGE);
        metrics.fillRefused(EntryKind.PAGE);
        metrics.cacheError("get");
        metrics.load(EntryKind.MODEL, 5_000_000);

        assertThat(registry.scrape())
                .contains("aside_cache_hits_total{cache=\"model\"} 2.0")
                .contains("aside_cache_misses_total{cache=\"model\"} 1.0")
                .contains("aside_cache_negative_hits_total{cache=\"model\"} 1.0")
                .contains("aside_cache_lease_waits_total{cache=\"page\"} 1.0")
                .contains("aside_cache_fills_refused_total{cache=\"page\"} 1.0")
                .contains("aside_cache_errors_total{operation=\"get\"} 1.0")
                .contains("aside_cache_load_seconds_count{cache=\"model\"} 1")
                .contains("aside_cache_load_seconds_sum{cache=\"model\"} 0.005");
    }

    @Test
    void givenNoEventsYet_whenScraped_thenKnownCachesShowZerosRatherThanGaps() {
        assertThat(registry.scrape())
                .contains("aside_cache_hits_total{cache=\"page\"} 0.0")
                .contains("aside_cache_misses_total{cache=\"model\"} 0.0")
                .contains("aside_invalidation_lag_seconds_count{path=\"writer\"} 0")
                .contains("aside_invalidation_lag_seconds_count{path=\"relay\"} 0");
    }

    @Test
    void givenInvalidationsDelivered_whenScraped_thenTheirLagIsAHistogramPerPathFromAMillisecondToMinutes() {
        metrics.invalidationDelivered(CacheMetrics.Delivery.WRITER, 2_000_000);
        metrics.invalidationDelivered(CacheMetrics.Delivery.RELAY, 12_000_000_000L);

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("aside_invalidation_lag_seconds_count{path=\"writer\"} 1")
                .contains("aside_invalidation_lag_seconds_sum{path=\"relay\"} 12.0")
                .contains("aside_invalidation_lag_seconds_bucket{path=\"writer\",le=\"0.001\"} 0")
                .contains("aside_invalidation_lag_seconds_bucket{path=\"relay\",le=\"+Inf\"} 1");
        assertThat(scrape.lines().filter(line -> line.startsWith("aside_invalidation_lag_seconds_bucket{path=\"relay\"")))
                .as("buckets enough for a p99 between 1 ms and 5 min").hasSizeGreaterThan(20);
        assertThat(scrape).containsPattern("aside_invalidation_lag_seconds_bucket\\{path=\"relay\",le=\"(1[0-9]|2[0-9])\\.[0-9]+\"} 1");
    }
}
