package io.aside.cache;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An invalidation as it travels to the other instances: {@code <sequence> <ids, comma-separated>},
 * then one category per line. A category never holds a line break (it refuses control characters).
 */
record AnnouncedInvalidation(long sequence, Invalidation invalidation) {
    /** The message body after the sequence, which the announcing script puts in front. */
    static String body(Invalidation invalidation) {
        String ids = invalidation.models().stream().map(id -> Long.toString(id.value())).collect(Collectors.joining(","));
        StringBuilder body = new StringBuilder(ids);
        invalidation.categories().forEach(category -> body.append('\n').append(category.value()));
        return body.toString();
    }

    static AnnouncedInvalidation parse(String message) {
        int space = message.indexOf(' ');
        long sequence = Long.parseLong(message.substring(0, space));
        String[] lines = message.substring(space + 1).split("\n", -1);
        Set<ModelId> models = lines[0].isEmpty() ? Set.of()
                : Arrays.stream(lines[0].split(",")).map(id -> new ModelId(Long.parseLong(id))).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<Category> categories = Arrays.stream(lines, 1, lines.length).map(Category::new).collect(Collectors.toCollection(LinkedHashSet::new));
        return new AnnouncedInvalidation(sequence, new Invalidation(models, categories));
    }
}
