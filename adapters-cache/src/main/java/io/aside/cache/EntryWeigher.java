package io.aside.cache;

import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Model;
import java.util.Map;

/**
 * An estimate of the heap an entry holds, so the near cache is bounded in bytes: object headers and
 * references at 16 and 8 bytes, strings at 2 bytes per character plus their own overhead. It errs on
 * the high side; the README states the bound it gives.
 */
final class EntryWeigher {
    private static final int ENTRY = 96; // the cache node, the key, the fenced entry
    private static final int MODEL = 160; // Model, ModelDraft, ModelId, Category, two Instants, the map
    private static final int STRING = 40;
    private static final int MAP_ENTRY = 48;

    private EntryWeigher() {}

    static int bytes(Object value) {
        long bytes = ENTRY + (value instanceof ModelPage page ? page(page) : value instanceof Presence.Present<?> present
                ? model((Model) present.value()) : 0);
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static long page(ModelPage page) {
        long bytes = 64;
        for (Model model : page.items()) bytes += model(model);
        return bytes;
    }

    private static long model(Model model) {
        long bytes = MODEL + text(model.name()) + text(model.category().value());
        for (Map.Entry<String, String> attribute : model.attributes().entrySet()) {
            bytes += MAP_ENTRY + text(attribute.getKey()) + text(attribute.getValue());
        }
        return bytes;
    }

    private static long text(String text) {
        return STRING + 2L * text.length();
    }
}
