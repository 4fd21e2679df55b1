package io.aside.bootstrap;

import io.aside.application.CacheTrust;
import io.aside.application.OutboxRelay;
import io.aside.application.StaleBound;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How consistent the cache is right now, for operators and the dashboard:
 * {@code aside_stale_bound_seconds} (the longest a reader may be served a replaced value; 0 while
 * healthy), {@code aside_outbox_backlog} and {@code aside_outbox_oldest_age_seconds} (invalidations
 * waiting for a relay, as this instance's relay last found the shared outbox), {@code aside_cache_trusted}
 * (1 while reads of every key may use the cache) and {@code aside_cache_info{kind}} (which cache serves).
 * The invalidation lag histogram is recorded where deliveries happen ({@code aside_invalidation_lag_seconds}).
 */
final class ConsistencyMeters {
    ConsistencyMeters(MeterRegistry registry, String cacheKind, StaleBound bound, OutboxRelay relay, CacheTrust trust) {
        seconds(registry, "aside.stale.bound", "The longest a reader may now be served a value an answered write replaced: "
                + "0 while healthy, the fallback window or the relays' bound while degraded", bound::current);
        Gauge.builder("aside.outbox.backlog", relay, r -> r.backlog().entries())
                .description("Invalidations waiting in the outbox that their writers could not deliver, as the last relay pass found them")
                .register(registry);
        seconds(registry, "aside.outbox.oldest.age", "How long ago the oldest invalidation waiting in the outbox was recorded",
                () -> relay.backlog().oldestAge());
        Gauge.builder("aside.cache.trusted", trust, t -> t.isTrusted() ? 1 : 0)
                .description("1 while reads of every key may use the cache; 0 while an undelivered invalidation sends some to the database")
                .register(registry);
        Gauge.builder("aside.cache.info", () -> 1).description("Which cache serves this instance").tag("kind", cacheKind)
                .register(registry);
    }

    private static void seconds(MeterRegistry registry, String name, String description, Supplier<Duration> value) {
        Gauge.builder(name, () -> value.get().toNanos() / 1e9).description(description).baseUnit("seconds").register(registry);
    }
}
