package io.aside.web;

import static io.aside.domain.model.ModelFixtures.aModel;
import static io.aside.domain.model.ModelFixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aside.application.ListModelsQuery;
import io.aside.application.Read;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.ModelDraft;
import io.aside.domain.model.ModelId;
import io.aside.testing.HttpReply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;

/** Valid values that break naive code: they must reach the use cases unchanged and come back byte for byte. */
class NastyValuesTest extends ApiTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> nastyValues() {
        return Stream.of(
                "🦄 unicorn 🏳️‍🌈",
                "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 beyond the BMP",
                "say \"hi\" and 'bye'",
                "'; DROP TABLE models; --",
                "\" OR 1=1 --",
                "<script>alert(1)</script>",
                "back\\slash and /slash",
                "a&b=c?d#e%20f+g",
                "  leading and trailing spaces  ",
                "ünïcödé Ελληνικά 日本語 עברית",
                "{\"json\":\"inside\"}",
                "${jndi:ldap://x/y}",
                "aside:v1:model:1");
    }

    @ParameterizedTest
    @MethodSource("nastyValues")
    void givenNastyButValidValues_whenCreate_thenUseCaseGetsThemUnchangedAndResponseEchoesThem(String value) throws Exception {
        when(createModel.create(any())).thenAnswer(call -> aModel().id(9).content(call.getArgument(0)).build());
        ObjectNode body = JSON.createObjectNode().put("name", value).put("category", value);
        body.putObject("attributes").put(value, value);

        HttpReply response = http.post("/models", JSON.writeValueAsString(body));

        assertThat(response.status()).isEqualTo(201);
        ArgumentCaptor<ModelDraft> draft = ArgumentCaptor.forClass(ModelDraft.class);
        verify(createModel).create(draft.capture());
        assertThat(draft.getValue()).isEqualTo(draft(value, value, Map.of(value, value)));
        JsonNode echoed = response.json();
        assertThat(echoed.path("name").textValue()).isEqualTo(value);
        assertThat(echoed.path("category").textValue()).isEqualTo(value);
        assertThat(echoed.path("attributes").path(value).textValue()).isEqualTo(value);
    }

    @ParameterizedTest
    @MethodSource("nastyValues")
    void givenNastyStoredValues_whenGet_thenEchoedExactly(String value) {
        when(getModel.get(new ModelId(5))).thenReturn(new Read<>(Presence.of(aModel().id(5).name(value).category(value).build()), false));

        JsonNode model = http.get("/models/5").json();

        assertThat(model.path("name").textValue()).isEqualTo(value);
        assertThat(model.path("category").textValue()).isEqualTo(value);
    }

    @ParameterizedTest
    @MethodSource("nastyValues")
    void givenNastyCategory_whenListFormEncoded_thenListModelsGetsItUnchanged(String value) {
        when(listModels.list(any())).thenReturn(new Read<>(new ModelPage(List.of()), false));

        HttpReply response = http.get("/models?category=" + URLEncoder.encode(value, StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        ArgumentCaptor<ListModelsQuery> query = ArgumentCaptor.forClass(ListModelsQuery.class);
        verify(listModels).list(query.capture());
        assertThat(query.getValue().category().value()).isEqualTo(value);
    }

    @ParameterizedTest
    @MethodSource("nastyValues")
    void givenNastyCategory_whenListPercentEncoded_thenListModelsGetsItUnchanged(String value) {
        when(listModels.list(any())).thenReturn(new Read<>(new ModelPage(List.of()), false));
        String percentEncoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");

        assertThat(http.get("/models?limit=3&category=" + percentEncoded).status()).isEqualTo(200);

        ArgumentCaptor<ListModelsQuery> query = ArgumentCaptor.forClass(ListModelsQuery.class);
        verify(listModels).list(query.capture());
        assertThat(query.getValue().category().value()).isEqualTo(value);
        assertThat(query.getValue().limit()).isEqualTo(3);
    }
}
