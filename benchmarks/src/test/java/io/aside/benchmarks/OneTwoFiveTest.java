package io.aside.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneTwoFiveTest {
    @Test
    void givenAValue_whenRounded_thenItIsTheNearest125NumberOnThatSide() {
        assertThat(OneTwoFive.atLeast(2_200)).isEqualTo(5_000);
        assertThat(OneTwoFive.atLeast(2_000)).isEqualTo(2_000);
        assertThat(OneTwoFive.atLeast(0.03)).isEqualTo(0.05);
        assertThat(OneTwoFive.atLeast(6)).isEqualTo(10);
        assertThat(OneTwoFive.atMost(0.999)).isEqualTo(0.5);
        assertThat(OneTwoFive.atMost(1)).isEqualTo(1);
        assertThat(OneTwoFive.atMost(45)).isEqualTo(20);
    }

    @Test
    void givenARange_whenListed_thenEvery125NumberInItInOrder() {
        assertThat(OneTwoFive.between(0.05, 20)).containsExactly(0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0);
        assertThat(OneTwoFive.between(3, 4)).isEmpty();
    }
}
