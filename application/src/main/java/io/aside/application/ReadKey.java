package io.aside.application;

import io.aside.domain.cache.CacheKey;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.port.CachePort;

/**
 * One thing readers ask for — a model, or a page of a category — as far as this process is
 * concerned: concurrent reads of equal keys share one run of the read protocol ({@link ReadFlights}).
 */
public sealed interface ReadKey<V> permits ModelRead, PageRead {
    /** "model" or "page", for metrics. */
    String kind();

    /** Where it is cached right now; a page's key depends on its category's current generation. */
    CacheKey<V> locate(CachePort cache);

    /** Whether a write with this invalidation changed what this read returns. */
    boolean touchedBy(Invalidation invalidation);
}
