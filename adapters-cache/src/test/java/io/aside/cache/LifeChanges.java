package io.aside.cache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Records what a {@link RedisCache} reports through its {@code onNewLife} callback. */
final class LifeChanges implements Consumer<String> {
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public void accept(String change) {
        seen.add(change);
    }

    List<String> seen() {
        return List.copyOf(seen);
    }
}
