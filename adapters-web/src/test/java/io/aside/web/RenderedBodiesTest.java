package io.aside.web;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.model.Model;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderedBodiesTest {
    private final RenderedBodies bodies = new RenderedBodies();
    private final AtomicInteger renders = new AtomicInteger();

    @Test
    void givenTheSameObjectAgain_whenRendered_thenItsBodyIsReused() {
        Model model = model(1, "c");

        byte[] first = bodies.of(model, this::render);
        byte[] second = bodies.of(model, this::render);

        assertThat(second).isSameAs(first);
        assertThat(renders).hasValue(1);
    }

    @Test
    void givenAnEqualButDistinctObject_whenRendered_thenItIsRenderedAfresh() {
        byte[] first = bodies.of(model(1, "c"), this::render);
        byte[] second = bodies.of(model(1, "c"), this::render);

        assertThat(second).isEqualTo(first);
        assertThat(renders).as("identity, not equality: a new version is never answered with an old body").hasValue(2);
    }

    private byte[] render(Object source) {
        renders.incrementAndGet();
        return source.toString().getBytes(StandardCharsets.UTF_8);
    }
}
