package io.aside.domain.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.model.Category;
import io.aside.domain.model.ModelFixtures;
import io.aside.domain.model.ModelId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
    @Test
    void givenUserTextCategory_whenKeyed_thenPathIsKeySafeAndDistinctPerCategory() {
        PageKey spaces = new PageKey(new Category("a b:c*?🚀"), 7, 20);
        PageKey other = new PageKey(new Category("A b:c*?🚀"), 7, 20);
        assertThat(spaces.path()).matches("page:[0-9a-f]{32}:7:20");
        assertThat(spaces.path()).isNotEqualTo(other.path());
        assertThat(new ModelKey(new ModelId(42)).path()).isEqualTo("model:42");
    }

    @Test
    void givenAnUpdateAcrossCategories_whenInvalidationBuilt_thenBothCategoriesAndTheModelAreTouched() {
        Invalidation inv = Invalidation.of(List.of(ModelFixtures.model(1, "old"), ModelFixtures.model(1, "new", 2)));
        assertThat(inv.models()).containsExactly(new ModelId(1));
        assertThat(inv.categories()).containsExactlyInAnyOrder(new Category("old"), new Category("new"));
    }
}
