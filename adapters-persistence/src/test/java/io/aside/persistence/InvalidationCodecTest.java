package io.aside.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class InvalidationCodecTest {
    @Test
    void givenInvalidation_whenEncodedAndDecoded_thenEqualAndSorted() throws InvalidationCodec.Unreadable {
        Invalidation invalidation = new Invalidation(Set.of(new ModelId(9), new ModelId(2)), Set.of(new Category("z 🦄"), new Category("a")));

        String json = InvalidationCodec.encode(invalidation);

        assertThat(json).isEqualTo("{\"models\":[2,9],\"categories\":[\"a\",\"z 🦄\"]}");
        assertThat(InvalidationCodec.decode(json)).isEqualTo(invalidation);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "not JSON", "null", "[]", "{}", "42", "\"text\"",
        "{\"models\":[1]}", "{\"categories\":[\"c\"]}", "{\"models\":null,\"categories\":[]}",
        "{\"models\":\"1\",\"categories\":[]}", "{\"models\":[1],\"categories\":\"c\"}",
        "{\"models\":[null],\"categories\":[]}", "{\"models\":[],\"categories\":[null]}",
        "{\"models\":[\"one\"],\"categories\":[]}", "{\"models\":[1.5],\"categories\":[]}",
        "{\"models\":[99999999999999999999],\"categories\":[]}",
        "{\"models\":[1],\"categories\":[\"c\"],\"extra\":true}",
        "{\"models\":[1],\"categories\":[\"c\"]} trailing", "{\"models\":[1],\"categories\":[\"c\"]",
        "{\"models\":[0],\"categories\":[]}", "{\"models\":[-1],\"categories\":[]}",
        "{\"models\":[],\"categories\":[\"\"]}", "{\"models\":[],\"categories\":[\"bell\\u0007\"]}",
    })
    void givenDamagedPayload_whenDecoded_thenUnreadableWithAReasonNotACrash(String payload) {
        assertThatThrownBy(() -> InvalidationCodec.decode(payload))
                .isInstanceOf(InvalidationCodec.Unreadable.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
    }

    @Test
    void givenCategoryTooLong_whenDecoded_thenTheReasonNamesTheRule() {
        String payload = "{\"models\":[1],\"categories\":[\"" + "x".repeat(Category.MAX_LENGTH + 1) + "\"]}";

        assertThatThrownBy(() -> InvalidationCodec.decode(payload))
                .isInstanceOf(InvalidationCodec.Unreadable.class)
                .hasMessageContaining("category");
    }

    @Test
    void givenLongReason_whenFitted_thenAtMostTheColumnWidthAndNoHalfCharacter() {
        assertThat(OutboxQuarantine.fit("short")).isEqualTo("short");
        assertThat(OutboxQuarantine.fit("x".repeat(500))).hasSize(500);

        String fitted = OutboxQuarantine.fit("x".repeat(498) + "😀".repeat(10));
        assertThat(fitted).hasSize(499).endsWith("x…");
        assertThat(OutboxQuarantine.fit("x".repeat(497) + "😀".repeat(10))).hasSize(500).endsWith("😀…");
    }
}
