package io.aside.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.PageKey;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
    final JsonCodec codec = new JsonCodec();
    final ModelKey modelKey = new ModelKey(new ModelId(1));

    @Test
    void givenNastyModel_whenEncodedAndDecoded_thenEqual() {
        Model model = Models.nasty(1);

        assertThat(codec.decode(modelKey, codec.encode(model))).isEqualTo(model);
    }

    @Test
    void givenTimestampsWithNanoseconds_whenRoundTripped_thenExactToTheNanosecond() {
        Instant created = Instant.parse("1999-12-31T23:59:59.999999999Z");
        Instant updated = Instant.parse("2038-01-19T03:14:08.000000001Z");
        Model model = Model.restore(1, "n", "c", Map.of(), 1, created, updated);

        Model back = codec.decode(modelKey, codec.encode(model));

        assertThat(back.createdAt()).isEqualTo(created);
        assertThat(back.updatedAt()).isEqualTo(updated);
    }

    @Test
    void givenPage_whenRoundTripped_thenSameModelsInTheSameOrder() {
        ModelPage page = new ModelPage(List.of(Models.model(3, "c"), Models.nasty(1), Models.model(2, "c")));

        assertThat(codec.decode(new PageKey(new Category("c"), 1, 3), codec.encode(page))).isEqualTo(page);
    }

    @Test
    void givenJsonBreakingADomainRule_whenDecoded_thenUndecodable() {
        String json = codec.encode(Models.model(1, "c")).replace("\"model 1\"", "\"\"");

        assertThatThrownBy(() -> codec.decode(modelKey, json)).isInstanceOf(JsonCodec.UndecodableValueException.class);
    }

    @Test
    void givenGarbage_whenDecoded_thenUndecodable() {
        assertThatThrownBy(() -> codec.decode(modelKey, "{not json")).isInstanceOf(JsonCodec.UndecodableValueException.class);
    }

    @Test
    void givenModelJson_whenDecodedAsAPage_thenUndecodable() {
        String json = codec.encode(Models.model(1, "c"));

        assertThatThrownBy(() -> codec.decode(new PageKey(new Category("c"), 1, 1), json))
                .isInstanceOf(JsonCodec.UndecodableValueException.class);
    }
}
