package io.aside.web;

import static io.aside.domain.model.ModelFixtures.aModel;
import static io.aside.domain.model.ModelFixtures.draft;
import static io.aside.web.Responses.assertProblem;
import static io.aside.web.Responses.errorFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.aside.application.DeleteModelCommand;
import io.aside.application.ListModelsQuery;
import io.aside.application.ModelNotFoundException;
import io.aside.application.Read;
import io.aside.application.UpdateModelCommand;
import io.aside.application.VersionConflictException;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Category;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelDraft;
import io.aside.domain.model.ModelId;
import io.aside.domain.model.VersionPrecondition;
import io.aside.domain.port.RepositoryUnavailableException;
import io.aside.testing.HttpReply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ModelRoutesTest extends ApiTestBase {
    private static final String LAMP_JSON = "{\"id\":1,\"name\":\"lamp\",\"category\":\"furniture\",\"attributes\":{\"color\":\"red\"},"
            + "\"version\":3,\"createdAt\":\"2026-03-01T10:15:30.123456Z\",\"updatedAt\":\"2026-03-02T08:00:00Z\"}";
    private static final String LAMP_BODY = "{\"name\":\"lamp\",\"category\":\"furniture\",\"attributes\":{\"color\":\"red\"}}";
    private static final ModelDraft LAMP_DRAFT = draft("lamp", "furniture", Map.of("color", "red"));
    /** As LAMP_JSON prints it: created to the microsecond, updated on a whole second (printed without a fraction). */
    private static final Model LAMP = aModel().id(1).content(LAMP_DRAFT).version(3)
            .createdAt(Instant.parse("2026-03-01T10:15:30.123456Z")).updatedAt(Instant.parse("2026-03-02T08:00:00Z")).build();
    private static final ModelId ONE = new ModelId(1);

    @Nested
    class GetOne {
        @Test
        void givenCachedModel_whenGet_thenOkWithModelEtagAndCacheHit() {
            when(getModel.get(ONE)).thenReturn(new Read<>(Presence.of(LAMP), true));

            HttpReply response = http.get("/models/1");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            assertThat(response.header("ETag")).isEqualTo("\"3\"");
            assertThat(response.header("X-Cache")).isEqualTo("HIT");
            assertThat(response.text()).isEqualTo(LAMP_JSON);
        }

        @Test
        void givenModelLoadedFromDatabase_whenGet_thenCacheMiss() {
            when(getModel.get(ONE)).thenReturn(new Read<>(Presence.of(LAMP), false));

            assertThat(http.get("/models/1").header("X-Cache")).isEqualTo("MISS");
        }

        @Test
        void givenNoSuchModel_whenGet_then404ProblemThatStillSaysWhetherTheCacheAnswered() {
            when(getModel.get(new ModelId(42))).thenReturn(new Read<>(Presence.absent(), true));

            HttpReply response = http.get("/models/42");

            assertProblem(response, 404);
            assertThat(response.header("X-Cache")).isEqualTo("HIT");
        }

        @Test
        void givenClientHoldsCurrentVersion_whenGetIfNoneMatch_then304WithoutBody() {
            when(getModel.get(ONE)).thenReturn(new Read<>(Presence.of(LAMP), true));

            HttpReply response = http.request("GET", "/models/1").header("If-None-Match", "\"3\"").send();

            assertThat(response.status()).isEqualTo(304);
            assertThat(response.header("ETag")).isEqualTo("\"3\"");
            assertThat(response.text()).isEmpty();
        }

        @Test
        void givenClientHoldsOlderVersion_whenGetIfNoneMatch_thenFullModel() {
            when(getModel.get(ONE)).thenReturn(new Read<>(Presence.of(LAMP), true));

            assertThat(http.request("GET", "/models/1").header("If-None-Match", "\"2\"").send().status()).isEqualTo(200);
        }

        @Test
        void givenNoSuchModel_whenHead_then404() {
            when(getModel.get(new ModelId(42))).thenReturn(new Read<>(Presence.absent(), false));

            assertThat(http.request("HEAD", "/models/42").send().status()).isEqualTo(404);
        }
    }

    @Nested
    class List_ {
        @Test
        void whenListWithoutLimit_thenFirstTwentyOfTheCategoryAsItems() {
            when(listModels.list(any())).thenReturn(new Read<>(new ModelPage(List.of(LAMP)), false));

            HttpReply response = http.get("/models?category=furniture");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            assertThat(response.header("X-Cache")).isEqualTo("MISS");
            assertThat(response.text()).isEqualTo("{\"items\":[" + LAMP_JSON + "]}");
            verify(listModels).list(new ListModelsQuery(new Category("furniture"), 20));
        }

        @Test
        void whenListWithLimit_thenThatManyAreAskedFor() {
            when(listModels.list(any())).thenReturn(new Read<>(new ModelPage(List.of()), true));

            HttpReply response = http.get("/models?category=furniture&limit=100");

            assertThat(response.text()).isEqualTo("{\"items\":[]}");
            assertThat(response.header("X-Cache")).isEqualTo("HIT");
            verify(listModels).list(new ListModelsQuery(new Category("furniture"), 100));
        }

        @Test
        void whenListWithBadCategoryAndBadLimit_thenBothFieldsAreReported() {
            JsonNode problem = assertProblem(http.get("/models?limit=0"), 400);

            assertThat(errorFields(problem)).containsExactly("category", "limit");
        }
    }

    @Nested
    class Create {
        @Test
        void whenCreate_then201WithLocationEtagAndTheStoredModel() {
            when(createModel.create(LAMP_DRAFT)).thenReturn(aModel().id(7).content(LAMP_DRAFT).build());

            HttpReply response = http.post("/models", LAMP_BODY);

            assertThat(response.status()).isEqualTo(201);
            assertThat(response.header("Location")).isEqualTo("/models/7");
            assertThat(response.header("ETag")).isEqualTo("\"1\"");
            assertThat(response.json().path("id").asLong()).isEqualTo(7);
            assertThat(response.json().path("attributes").path("color").asText()).isEqualTo("red");
        }

        @Test
        void whenCreateWithCharsetParameter_thenAccepted() {
            when(createModel.create(LAMP_DRAFT)).thenReturn(aModel().id(7).content(LAMP_DRAFT).build());

            HttpReply response = http.request("POST", "/models")
                    .body("Application/JSON; charset=\"UTF-8\"", LAMP_BODY.getBytes(StandardCharsets.UTF_8)).send();

            assertThat(response.status()).isEqualTo(201);
        }

        @Test
        void whenCreateEchoesReadOnlyFieldsOfAGet_thenTheyAreIgnored() {
            when(createModel.create(LAMP_DRAFT)).thenReturn(aModel().id(7).content(LAMP_DRAFT).build());

            HttpReply response = http.post("/models", LAMP_JSON);

            assertThat(response.status()).isEqualTo(201);
            verify(createModel).create(LAMP_DRAFT);
        }

        @Test
        void whenCreateWithoutAttributes_thenTheModelHasNone() {
            ModelDraft bare = draft("lamp", "furniture", Map.of());
            when(createModel.create(bare)).thenReturn(aModel().id(7).content(bare).build());

            HttpReply response = http.post("/models", "{\"name\":\"lamp\",\"category\":\"furniture\"}");

            assertThat(response.status()).isEqualTo(201);
            assertThat(response.text()).contains("\"attributes\":{}");
        }

        @Test
        void whenCreateBreaksSeveralRules_thenEveryBrokenFieldIsListed() {
            JsonNode problem = assertProblem(http.post("/models", "{\"name\":\"\",\"category\":\"\"}"), 400);

            assertThat(problem.path("type").asText()).isEqualTo("https://aside.dev/problems/validation");
            assertThat(errorFields(problem)).containsExactly("name", "category");
            verifyNoInteractions(createModel);
        }

        @Test
        void whenCreateHasWrongTypesAndBrokenRules_thenBothKindsAreListedTogether() {
            String body = "{\"name\":\"\",\"category\":7,\"attributes\":{\"k\":1},\"colour\":\"red\"}";

            JsonNode problem = assertProblem(http.post("/models", body), 400);

            assertThat(errorFields(problem)).containsExactlyInAnyOrder("colour", "category", "attributes.k", "name");
            verifyNoInteractions(createModel);
        }

        @Test
        void givenDatabaseDown_whenCreate_then503WithRetryAfter() {
            when(createModel.create(any())).thenThrow(new RepositoryUnavailableException("connection refused", null));

            HttpReply response = http.post("/models", LAMP_BODY);

            assertProblem(response, 503);
            assertThat(response.header("Retry-After")).isEqualTo("1");
            assertThat(response.text()).doesNotContain("connection refused");
        }
    }

    @Nested
    class Update {
        private static final String BODY_V3 = "{\"name\":\"lamp\",\"category\":\"furniture\",\"attributes\":{\"color\":\"red\"},\"version\":3}";

        @Test
        void whenUpdateWithVersionInBody_then200WithNextVersionAndItsEtag() {
            when(updateModel.update(new UpdateModelCommand(ONE, 3, LAMP_DRAFT))).thenReturn(aModel().id(1).content(LAMP_DRAFT).version(4).build());

            HttpReply response = http.put("/models/1", BODY_V3);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("ETag")).isEqualTo("\"4\"");
            assertThat(response.json().path("version").asLong()).isEqualTo(4);
        }

        @Test
        void whenUpdateWithIfMatch_thenTheHeaderVersionIsExpected() {
            when(updateModel.update(new UpdateModelCommand(ONE, 3, LAMP_DRAFT))).thenReturn(aModel().id(1).content(LAMP_DRAFT).version(4).build());

            HttpReply response = http.request("PUT", "/models/1").header("If-Match", "\"3\"").json(LAMP_BODY).send();

            assertThat(response.status()).isEqualTo(200);
        }

        @Test
        void whenUpdateEchoesAGetWithMatchingIfMatch_thenAccepted() {
            when(updateModel.update(new UpdateModelCommand(ONE, 3, LAMP_DRAFT))).thenReturn(aModel().id(1).content(LAMP_DRAFT).version(4).build());

            HttpReply response = http.request("PUT", "/models/1").header("If-Match", "\"3\"").json(LAMP_JSON).send();

            assertThat(response.status()).isEqualTo(200);
        }

        @Test
        void givenSomeoneWroteFirst_whenUpdateWithBodyVersion_then409() {
            when(updateModel.update(any())).thenThrow(new VersionConflictException(ONE, 3, 4));

            JsonNode problem = assertProblem(http.put("/models/1", BODY_V3), 409);

            assertThat(problem.path("type").asText()).isEqualTo("https://aside.dev/problems/version-conflict");
        }

        @Test
        void givenSomeoneWroteFirst_whenUpdateWithIfMatch_then412() {
            when(updateModel.update(any())).thenThrow(new VersionConflictException(ONE, 3, 4));

            assertProblem(http.request("PUT", "/models/1").header("If-Match", "\"3\"").json(LAMP_BODY).send(), 412);
        }

        @Test
        void whenUpdateNamesNoVersion_then428NamingTheVersionField() {
            JsonNode problem = assertProblem(http.put("/models/1", LAMP_BODY), 428);

            assertThat(errorFields(problem)).containsExactly("version");
            verifyNoInteractions(updateModel);
        }

        @Test
        void givenNoSuchModel_whenUpdate_then404() {
            when(updateModel.update(any())).thenThrow(new ModelNotFoundException(ONE));

            assertProblem(http.put("/models/1", BODY_V3), 404);
        }
    }

    @Nested
    class Delete {
        @Test
        void whenDelete_then204AndTheDeleteIsUnconditional() {
            HttpReply response = http.delete("/models/1");

            assertThat(response.status()).isEqualTo(204);
            assertThat(response.header("Content-Type")).isNull();
            assertThat(response.text()).isEmpty();
            verify(deleteModel).delete(new DeleteModelCommand(ONE, VersionPrecondition.any()));
        }

        @Test
        void whenDeleteWithIfMatch_thenOnlyThatVersionIsDeleted() {
            assertThat(http.request("DELETE", "/models/1").header("If-Match", "\"3\"").send().status()).isEqualTo(204);

            verify(deleteModel).delete(new DeleteModelCommand(ONE, VersionPrecondition.exactly(3)));
        }

        @Test
        void givenSomeoneWroteFirst_whenDeleteWithIfMatch_then412() {
            doThrow(new VersionConflictException(ONE, 3, 4)).when(deleteModel).delete(any());

            assertProblem(http.request("DELETE", "/models/1").header("If-Match", "\"3\"").send(), 412);
        }

        @Test
        void givenNoSuchModel_whenDelete_then404() {
            doThrow(new ModelNotFoundException(ONE)).when(deleteModel).delete(any());

            assertProblem(http.delete("/models/1"), 404);
        }
    }

    @Nested
    class Failures {
        @Test
        void givenAFaultOfOurs_whenGet_then500WithAGenericDetailOnly() {
            when(getModel.get(any())).thenThrow(new IllegalStateException("secret internal state"));

            HttpReply response = http.get("/models/1");

            assertProblem(response, 500);
            assertThat(response.text()).doesNotContain("secret", "IllegalState");
        }

        @Test
        void whenUnknownPath_then404Problem() {
            assertProblem(http.get("/nothing/here"), 404);
        }

        @Test
        void whenWrongMethodOnKnownPath_then405WithAllow() {
            HttpReply response = http.request("PATCH", "/models/1").send();

            assertProblem(response, 405);
            assertThat(response.header("Allow")).contains("GET", "PUT", "DELETE");
        }
    }
}
