package io.aside.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelDraftTest {
    @Test
    void givenEveryFieldBroken_whenValidated_thenEveryFieldIsReported() {
        assertThatThrownBy(() -> ModelDraft.of("", "x".repeat(101), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("name", "category"));
        assertThatThrownBy(() -> ModelDraft.of(null, null, Map.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).hasSize(2));
    }

    @Test
    void givenBoundaryLengths_whenValidated_thenLengthsCountCodePoints() {
        String twoHundredEmoji = "😀".repeat(200);
        assertThat(ModelDraft.of(twoHundredEmoji, "c", Map.of()).name()).isEqualTo(twoHundredEmoji);
        assertThatThrownBy(() -> ModelDraft.of(twoHundredEmoji + "a", "c", Map.of())).isInstanceOf(ValidationException.class);
        assertThat(ModelDraft.of("n", "é".repeat(100), Map.of()).category().value()).hasSize(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "line\nbreak", "\uD800", "ok\uDC00"})
    void givenControlCharactersOrLoneSurrogates_whenUsedAsName_thenRejected(String name) {
        assertThatThrownBy(() -> ModelDraft.of(name, "c", Map.of())).isInstanceOf(ValidationException.class);
    }

    @Test
    void givenAttributeBounds_whenExceeded_thenRejectedWithTheField() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= ModelDraft.MAX_ATTRIBUTES; i++) many.put("k" + i, "v");
        assertThatThrownBy(() -> ModelDraft.of("n", "c", many)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("attributes"));
        assertThatThrownBy(() -> ModelDraft.of("n", "c", Map.of("k", "v".repeat(1025))))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("attributes.k"));
        assertThatThrownBy(() -> ModelDraft.of("n", "c", Map.of("", "v"))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ModelDraft.of("n", "c", Map.of("k".repeat(65), "v"))).isInstanceOf(ValidationException.class);
    }

    @Test
    void givenNastyButValidText_whenValidated_thenKeptExactly() {
        ModelDraft draft = ModelDraft.of("'; DROP TABLE models; -- <script>alert(\"x\")</script> 🚀",
                "Café ☕", Map.of("multi", "line\nvalue\twith tab", "b", ""));
        assertThat(draft.name()).isEqualTo("'; DROP TABLE models; -- <script>alert(\"x\")</script> 🚀");
        assertThat(draft.attributes()).containsEntry("multi", "line\nvalue\twith tab").containsKeys("b");
        assertThat(draft.attributes().keySet()).containsExactly("b", "multi");
    }
}
