package io.aside.domain.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.model.Category;
import io.aside.domain.model.ModelFixtures;
import io.aside.domain.model.ModelId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
    @Test
    void givenAKey_whenAsked_thenItNamesItsKindAndWhatTouchesIt() {
        ModelKey model = new ModelKey(new ModelId(42));
        PageKey page = new PageKey(new Category("tools"), 20);
        Invalidation write = Invalidation.of(List.of(ModelFixtures.model(42, "toys")));

        assertThat(model.kind()).isSameAs(EntryKind.MODEL);
        assertThat(page.kind()).isSameAs(EntryKind.PAGE);
        assertThat(model.touchedBy(write)).isTrue();
        assertThat(page.touchedBy(write)).isFalse();
        assertThat(new PageKey(new Category("toys"), 5).touchedBy(write)).isTrue();
        assertThat(page.<String>match(m -> "model", p -> "page " + p.limit())).isEqualTo("page 20");
    }

    @Test
    void givenAnUpdateAcrossCategories_whenInvalidationBuilt_thenBothCategoriesAndTheModelAreTouched() {
        Invalidation inv = Invalidation.of(List.of(ModelFixtures.model(1, "old"), ModelFixtures.model(1, "new", 2)));
        assertThat(inv.models()).containsExactly(new ModelId(1));
        assertThat(inv.categories()).containsExactlyInAnyOrder(new Category("old"), new Category("new"));
    }
}
