package io.aside.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionPreconditionTest {
    @Test
    void givenAnyVersion_whenAVersionIsStored_thenThatIsTheOneExpected() {
        assertThat(VersionPrecondition.any().expectedGiven(4)).isEqualTo(4);
    }

    @Test
    void givenExactVersion_whenAnotherIsStored_thenItsOwnIsTheOneExpected() {
        assertThat(VersionPrecondition.exactly(3).expectedGiven(4)).isEqualTo(3);
        assertThat(VersionPrecondition.exactly(4).expectedGiven(4)).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void givenNonPositiveVersion_whenRequiredExactly_thenRejectedAsVersionField(long version) {
        assertThatThrownBy(() -> VersionPrecondition.exactly(version)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsExactly(new FieldError("version", "must be a positive integer")));
    }
}
