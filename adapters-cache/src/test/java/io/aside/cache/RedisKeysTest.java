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
        assertThat(keys.model(new ModelKey(new ModelId(42)))).isEqualTo("aside:v1:model:42");
    }

    @Test
    void givenPageKey_thenCategoryFingerprintGenerationAndLimit() {
        PageKey page = new PageKey(category, 20);

        assertThat(keys.page(page).page(1732500000000001L)).isEqualTo("aside:v1:page:" + RedisKeys.fingerprint(category) + ":1732500000000001:20");
        assertThat(keys.page(page).generation()).isEqualTo(keys.generation(category));
    }

    @Test
    void givenCategory_thenGenerationKeyUsesTheFingerprintNotTheText() {
        assertThat(keys.generation(category)).isEqualTo("aside:v1:gen:" + RedisKeys.fingerprint(category)).doesNotContain(" ");
    }

    @Test
    void givenUserText_whenFingerprinted_thenKeySafeFixedSizeAndDistinctPerCategory() {
        assertThat(RedisKeys.fingerprint(category)).matches("[0-9a-f]{32}");
        assertThat(RedisKeys.fingerprint(new Category("shoes & Boots: 👢"))).isNotEqualTo(RedisKeys.fingerprint(category));
    }
}
