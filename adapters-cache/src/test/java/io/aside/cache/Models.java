package io.aside.cache;

import io.aside.domain.cache.ModelPage;
import io.aside.domain.model.Model;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** Test models, rebuilt through the same path storage uses. */
final class Models {
    static final Instant CREATED = Instant.parse("2024-02-29T23:59:59.123456789Z");
    static final Instant UPDATED = Instant.parse("2025-01-01T00:00:00.000001Z");

    private Models() {}

    static Model model(long id, String category) {
        return Model.restore(id, "model " + id, category, Map.of("colour", "blue", "size", "L"), 1, CREATED, UPDATED);
    }

    /** Every kind of text that breaks naive encoders: emoji, quotes, SQL, markup, escapes, line breaks. */
    static Model nasty(long id) {
        return Model.restore(id,
                "Robert'); DROP TABLE models;-- \"quoted\" \uD83D\uDE00 <script>alert(1)</script>",
                "caf\u00e9 \uD83D\uDC08 : spaced/category\\",
                Map.of("sql", "SELECT * FROM t WHERE a = 'x' OR 1=1; --",
                        "html", "<script>document.cookie</script>&amp;",
                        "json", "{\"k\": [1, 2, \"\\u0000\"]}",
                        "lines", "one\ntwo\r\n\tthree",
                        "emoji \uD83D\uDE80", "\uD83C\uDDEB\uD83C\uDDF7 \u00df \u4e2d\u6587",
                        "empty", ""),
                7, CREATED, UPDATED);
    }

    static ModelPage page(String category, long firstId, int size) {
        List<Model> items = LongStream.range(firstId, firstId + size).mapToObj(id -> model(id, category)).toList();
        return new ModelPage(items);
    }
}
