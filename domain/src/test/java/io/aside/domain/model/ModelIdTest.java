package io.aside.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelIdTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-1", "0", "007", "1.5", "+1", " 1", "1e3", "99999999999999999999", "9223372036854775808", "\u0000", "١"})
    void givenNotAPositiveDecimal_whenParsed_thenRejectedAsIdField(String text) {
        assertThatThrownBy(() -> ModelId.parse(text)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors().get(0).field()).isEqualTo("id"));
    }

    @Test
    void givenLargestLong_whenParsed_thenAccepted() {
        assertThat(ModelId.parse("9223372036854775807").value()).isEqualTo(Long.MAX_VALUE);
        assertThat(ModelId.parse("42").value()).isEqualTo(42);
    }
}
