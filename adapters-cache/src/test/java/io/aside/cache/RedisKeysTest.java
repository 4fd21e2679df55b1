package io.aside.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.aside.domain.cache.ModelKey;
import io.aside.domain.cache.PageKey;
import io.aside.domain.model.Category;
import io.aside.domain.model.ModelId;
import org.junit.jupiter.api.Test;

class RedisKeysTest {
    final RedisKeys keys = new RedisKeys(RedisSettings.DEFAULT_NAMESPACE);
    final Category category = new Category("Shoes & Boots: 👢");

    @Test
    void givenModelKey_thenNamespaceSchemaAndPath() {
        assertThat(keys.entry(new ModelKey(new ModelId(42)))).isEqualTo("aside:v1:model:42");
    }

    @Test
    void givenPageKey_thenCategoryFingerprintGenerationAndLimit() {
        assertThat(keys.entry(new PageKey(category, 1732500000000001L, 20)))
                .isEqualTo("aside:v1:page:" + category.fingerprint() + ":1732500000000001:20");
    }

    @Test
    void givenCategory_thenGenerationKeyUsesTheFingerprintNotTheText() {
        assertThat(keys.generation(category)).isEqualTo("aside:v1:gen:" + category.fingerprint()).doesNotContain(" ");
    }
}
