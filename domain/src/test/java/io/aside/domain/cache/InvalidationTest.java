package io.aside.domain.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InvalidationTest {
    @Test
    void givenEntriesInSeveralPlaces_whenSplit_thenEachPartHoldsExactlyItsOwnAndTogetherTheyHoldAll() {
        Invalidation invalidation = new Invalidation(Set.of(new ModelId(1), new ModelId(2), new ModelId(3)),
                Set.of(new Category("odd"), new Category("even")));

        Map<String, Invalidation> parts = invalidation.splitBy(id -> id.value() % 2 == 0 ? "even" : "odd", Category::value);

        assertThat(parts).containsOnly(
                Map.entry("odd", new Invalidation(Set.of(new ModelId(1), new ModelId(3)), Set.of(new Category("odd")))),
                Map.entry("even", new Invalidation(Set.of(new ModelId(2)), Set.of(new Category("even")))));
    }

    @Test
    void givenOnlyCategoriesInAPlace_whenSplit_thenThatPartHasNoModels() {
        Invalidation invalidation = new Invalidation(Set.of(new ModelId(1)), Set.of(new Category("c")));

        assertThat(invalidation.splitBy(id -> "models", category -> "pages"))
                .containsOnly(Map.entry("models", new Invalidation(Set.of(new ModelId(1)), Set.of())),
                        Map.entry("pages", new Invalidation(Set.of(), Set.of(new Category("c")))));
    }
}
