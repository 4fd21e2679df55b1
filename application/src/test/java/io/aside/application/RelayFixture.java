package io.aside.application;

import static org.mockito.Mockito.mock;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.OutboxBatch;
import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.InvalidationOutbox;
import java.util.List;
import java.util.Set;

/** An {@link OutboxRelay} over a mocked outbox, cache and metrics, with a real {@link CacheTrust} to watch. */
final class RelayFixture {
    final InvalidationOutbox outbox = mock(InvalidationOutbox.class);
    final CachePort cache = mock(CachePort.class);
    final CacheTrust trust = new CacheTrust();
    final CacheMetrics metrics = mock(CacheMetrics.class);
    private final OutboxRelay relay = new OutboxRelay(outbox, cache, trust, metrics);

    /** Where each pass starts reading the outbox: {@code outbox.pendingAfter(START, OutboxRelay.BATCH)}. */
    static final long START = Long.MIN_VALUE;

    /** An outbox entry that invalidates model {@code id} and the pages of {@code category}. */
    static PendingInvalidation pending(long id, String category) {
        return new PendingInvalidation(id, new Invalidation(Set.of(new ModelId(id)), Set.of(new Category(category))));
    }

    /** The key of the model that {@link #pending}{@code (id, ...)} invalidates. */
    static ModelKey modelOf(PendingInvalidation entry) {
        return new ModelKey(new ModelId(entry.id()));
    }

    static OutboxBatch batch(PendingInvalidation... entries) {
        return OutboxBatch.of(List.of(entries));
    }

    OutboxRelay relay() {
        return relay;
    }

    /** One relay pass; the number of entries it delivered. */
    int pass() {
        return relay.relay();
    }
}
