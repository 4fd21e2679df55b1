package io.aside.bootstrap.consistency;

import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelDraft;
import io.aside.domain.model.ModelId;
import io.aside.domain.model.VersionPrecondition;
import io.aside.domain.port.Created;
import io.aside.domain.port.ModelRepository;
import io.aside.domain.port.WriteResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The production {@link ModelRepository} with test instruments around its two reads, keyed by
 * {@link ModelId} (findById) or {@link Category} (findFirstByCategory): it counts loads, can make
 * loads of a key slow (so concurrent readers really overlap), and can hold the next load of a key
 * at a {@link LoadGate} after the database answered. Writes pass straight through.
 */
public final class InstrumentedRepository implements ModelRepository {
    private final ModelRepository delegate;
    private final Map<Object, AtomicInteger> loads = new ConcurrentHashMap<>();
    private final Map<Object, Duration> delays = new ConcurrentHashMap<>();
    private final AtomicReference<LoadGate> gate = new AtomicReference<>();
    private volatile Duration defaultDelay = Duration.ZERO;

    InstrumentedRepository(ModelRepository delegate) {
        this.delegate = delegate;
    }

    /** How many times {@code key} (a ModelId or a Category) was loaded. */
    public int loadsOf(Object key) {
        AtomicInteger count = loads.get(key);
        return count == null ? 0 : count.get();
    }

    /**
     * Every later load of {@code key} takes {@code delay} longer, like a slow query. The delay comes
     * after the database answered, so it also widens the window in which a write can make the row stale.
     */
    void slowDown(Object key, Duration delay) {
        delays.put(key, delay);
    }

    /** As {@link #slowDown} for every key without a delay of its own. */
    void slowDownEveryLoad(Duration delay) {
        defaultDelay = delay;
    }

    /** Holds the next load of {@code key}, on any thread, at the returned gate. */
    LoadGate holdNextLoadOf(Object key) {
        LoadGate armed = new LoadGate(key);
        if (!gate.compareAndSet(null, armed)) throw new IllegalStateException("a gate is already armed for " + gate.get().target());
        return armed;
    }

    /** The database itself, uncounted and never held: what the tests compare the cache with. */
    public ModelRepository database() {
        return delegate;
    }

    @Override
    public Optional<Model> findById(ModelId id) {
        return load(id, () -> delegate.findById(id));
    }

    @Override
    public List<Model> findFirstByCategory(Category category, int limit) {
        return load(category, () -> delegate.findFirstByCategory(category, limit));
    }

    @Override
    public Created insert(ModelDraft draft) {
        return delegate.insert(draft);
    }

    @Override
    public WriteResult update(ModelId id, long expectedVersion, ModelDraft draft) {
        return delegate.update(id, expectedVersion, draft);
    }

    @Override
    public WriteResult delete(ModelId id, VersionPrecondition precondition) {
        return delegate.delete(id, precondition);
    }

    @Override
    public void ping() {
        delegate.ping();
    }

    /** Counts, queries, then (with the row in hand) is slow or held if asked to. */
    private <T> T load(Object key, Supplier<T> query) {
        loads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        T row = query.get();
        Duration delay = delays.getOrDefault(key, defaultDelay);
        if (!delay.isZero()) pause(delay);
        LoadGate armed = gate.get();
        if (armed != null && armed.target().equals(key) && gate.compareAndSet(armed, null)) armed.hold();
        return row;
    }

    /** Simulates a slow database; not a synchronisation. */
    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a simulated slow load", e);
        }
    }
}
