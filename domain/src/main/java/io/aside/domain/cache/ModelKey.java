package io.aside.domain.cache;

import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import java.util.Objects;
import java.util.function.Function;

/** Where one model is cached, or the fact that it does not exist. */
public record ModelKey(ModelId id) implements CacheKey<Presence<Model>> {
    public ModelKey {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public EntryKind<Presence<Model>> kind() {
        return EntryKind.MODEL;
    }

    @Override
    public boolean touchedBy(Invalidation invalidation) {
        return invalidation.models().contains(id);
    }

    @Override
    public <R> R match(Function<ModelKey, R> model, Function<PageKey, R> page) {
        return model.apply(this);
    }
}
