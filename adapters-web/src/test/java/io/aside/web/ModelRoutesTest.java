package io.aside.web;

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
import io.aside.domain.model.ModelDraft;
import io.aside.domain.model.ModelId;
import io.aside.domain.port.RepositoryUnavailableException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ModelRoutesTest extends ApiTestBase {
    private static final String LAMP_JSON = "{\"id\":1,\"name\":\"lamp\",\"category\":\"furniture\",\"attributes\":{\"color\":\"red\"},"
            + "\"version\":3,\"createdAt\":\"2026-03-01T10:15:30.123456Z\",\"updatedAt\":\"2026-03-02T08:00:00Z\"}";
    private static final String LAMP_BODY = "{\"name\":\"lamp\",\"category\":\"furniture\",\"attributes\":{\"color\":\"red\"}}";
    private static final ModelDraft LAMP_DRAFT = ModelDraft.of("lamp", "furniture", Map.of("color", "red"));
    private static final ModelId ONE = new ModelId(1);

    @Nested
    class GetOne {
        @Test
        void givenCachedModel_whenGet_thenOkWithModelEtagAndCacheHit() {
            when(getModel.get(ONE)).thenReturn(new Read<>(Presence.of(Models.lamp()), true));

            HttpResponse<String> response = http.get("/models/1").send();

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.headers().firstValue("ETag")).hasValue("\"3\"");
            assertThat(response.headers().firstValue("X-Cache")).hasValue("HIT");
            assertThat(response.body()).isEqualTo(LAMP_JSON);
        }

        @Test
        void givenModelLoadedFromDatabase_whenGet_thenCacheMiss() {
            when(getModel.get(ONE)).thenReturn(new Read<>(Presence.of(Models.lamp()), false));

            assertThat(http.get("/models/1").send().headers().firstValue("X-Cache")).hasValue("MISS");
        }

        @Test
        void givenNoSuchModel_whenGet_then404ProblemThatStillSaysWhetherTheCacheAnswered() {
            when(getModel.get(new ModelId(42))).thenReturn(new Read<>(Presence.absent(), true));

            HttpResponse<String> response = http.get("/models/42").send();

            assertProblem(response, 404);
            assertThat(response.headers().firstValue("X-Cache")).hasValue("HIT");
        }

        @Test
        void givenClientHoldsCurrentVersion_whenGetIfNoneMatch_then304WithoutBody() {
            when(getModel.get(ONE)).thenReturn(new Read<>(Presence.of(Models.lamp()), true));

            HttpResponse<String> response = http.get("/models/1").header("If-None-Match", "\"3\"").send();

            assertThat(response.statusCode()).isEqualTo(304);
            assertThat(response.headers().firstValue("ETag")).hasValue("\"3\"");
            assertThat(response.body()).isEmpty();
        }

        @Test
        void givenClientHoldsOlderVersion_whenGetIfNoneMatch_thenFullModel() {
            when(getModel.get(ONE)).thenReturn(new Read<>(Presence.of(Models.lamp()), true));

            assertThat(http.get("/models/1").header("If-None-Match", "\"2\"").send().statusCode()).isEqualTo(200);
        }

        @Test
        void givenNoSuchModel_whenHead_then404() {
            when(getModel.get(new ModelId(42))).thenReturn(new Read<>(Presence.absent(), false));

            assertThat(http.call("HEAD", "/models/42").send().statusCode()).isEqualTo(404);
        }
    }

    @Nested
    class List_ {
        @Test
        void whenListWithoutLimit_thenFirstTwentyOfTheCategoryAsItems() {
            when(listModels.list(any())).thenReturn(new Read<>(new ModelPage(List.of(Models.lamp())), false));

            HttpResponse<String> response = http.get("/models?category=furniture").send();

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.headers().firstValue("X-Cache")).hasValue("MISS");
            assertThat(response.body()).isEqualTo("{\"items\":[" + LAMP_JSON + "]}");
            verify(listModels).list(new ListModelsQuery(new Category("furniture"), 20));
        }

        @Test
        void whenListWithLimit_thenThatManyAreAskedFor() {
            when(listModels.list(any())).thenReturn(new Read<>(new ModelPage(List.of()), true));

            HttpResponse<String> response = http.get("/models?category=furniture&limit=100").send();

            assertThat(response.body()).isEqualTo("{\"items\":[]}");
            assertThat(response.headers().firstValue("X-Cache")).hasValue("HIT");
            verify(listModels).list(new ListModelsQuery(new Category("furniture"), 100));
        }

        @Test
        void whenListWithBadCategoryAndBadLimit_thenBothFieldsAreReported() {
            JsonNode problem = assertProblem(http.get("/models?limit=0").send(), 400);

            assertThat(errorFields(problem)).containsExactly("category", "limit");
        }
    }

    @Nested
    class Create {
        @Test
        void whenCreate_then201WithLocationEtagAndTheStoredModel() {
            when(createModel.create(LAMP_DRAFT)).thenReturn(Models.stored(7, LAMP_DRAFT, 1));

            HttpResponse<String> response = http.call("POST", "/models").json(LAMP_BODY).send();

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.headers().firstValue("Location")).hasValue("/models/7");
            assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");
            assertThat(Responses.json(response).path("id").asLong()).isEqualTo(7);
            assertThat(Responses.json(response).path("attributes").path("color").asText()).isEqualTo("red");
        }

        @Test
        void whenCreateWithCharsetParameter_thenAccepted() {
            when(createModel.create(LAMP_DRAFT)).thenReturn(Models.stored(7, LAMP_DRAFT, 1));

            HttpResponse<String> response = http.call("POST", "/models")
                    .body("Application/JSON; charset=\"UTF-8\"", LAMP_BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8)).send();

            assertThat(response.statusCode()).isEqualTo(201);
        }

        @Test
        void whenCreateEchoesReadOnlyFieldsOfAGet_thenTheyAreIgnored() {
            when(createModel.create(LAMP_DRAFT)).thenReturn(Models.stored(7, LAMP_DRAFT, 1));

            HttpResponse<String> response = http.call("POST", "/models").json(LAMP_JSON).send();

            assertThat(response.statusCode()).isEqualTo(201);
            verify(createModel).create(LAMP_DRAFT);
        }

        @Test
        void whenCreateWithoutAttributes_thenTheModelHasNone() {
            ModelDraft bare = ModelDraft.of("lamp", "furniture", Map.of());
            when(createModel.create(bare)).thenReturn(Models.stored(7, bare, 1));

            HttpResponse<String> response = http.call("POST", "/models").json("{\"name\":\"lamp\",\"category\":\"furniture\"}").send();

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.body()).contains("\"attributes\":{}");
        }

        @Test
        void whenCreateBreaksSeveralRules_thenEveryBrokenFieldIsListed() {
            JsonNode problem = assertProblem(http.call("POST", "/models").json("{\"name\":\"\",\"category\":\"\"}").send(), 400);

            assertThat(problem.path("type").asText()).isEqualTo("https://aside.dev/problems/validation");
            assertThat(errorFields(problem)).containsExactly("name", "category");
            verifyNoInteractions(createModel);
        }

        @Test
        void whenCreateHasWrongTypesAndBrokenRules_thenBothKindsAreListedTogether() {
            String body = "{\"name\":\"\",\"category\":7,\"attributes\":{\"k\":1},\"colour\":\"red\"}";

            JsonNode problem = assertProblem(http.call("POST", "/models").json(body).send(), 400);

            assertThat(errorFields(problem)).containsExactlyInAnyOrder("colour", "category", "attributes.k", "name");
            verifyNoInteractions(createModel);
        }

        @Test
        void givenDatabaseDown_whenCreate_then503WithRetryAfter() {
            when(createModel.create(any())).thenThrow(new RepositoryUnavailableException("connection refused", null));

            HttpResponse<String> response = http.call("POST", "/models").json(LAMP_BODY).send();

            assertProblem(response, 503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(response.body()).doesNotContain("connection refused");
        }
    }

    @Nested
    class Update {
        private static final String BODY_V3 = "{\"name\":\"lamp\",\"category\":\"furniture\",\"attributes\":{\"color\":\"red\"},\"version\":3}";

        @Test
        void whenUpdateWithVersionInBody_then200WithNextVersionAndItsEtag() {
            when(updateModel.update(new UpdateModelCommand(ONE, 3, LAMP_DRAFT))).thenReturn(Models.stored(1, LAMP_DRAFT, 4));

            HttpResponse<String> response = http.call("PUT", "/models/1").json(BODY_V3).send();

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("ETag")).hasValue("\"4\"");
            assertThat(Responses.json(response).path("version").asLong()).isEqualTo(4);
        }

        @Test
        void whenUpdateWithIfMatch_thenTheHeaderVersionIsExpected() {
            when(updateModel.update(new UpdateModelCommand(ONE, 3, LAMP_DRAFT))).thenReturn(Models.stored(1, LAMP_DRAFT, 4));

            HttpResponse<String> response = http.call("PUT", "/models/1").header("If-Match", "\"3\"").json(LAMP_BODY).send();

            assertThat(response.statusCode()).isEqualTo(200);
        }

        @Test
        void whenUpdateEchoesAGetWithMatchingIfMatch_thenAccepted() {
            when(updateModel.update(new UpdateModelCommand(ONE, 3, LAMP_DRAFT))).thenReturn(Models.stored(1, LAMP_DRAFT, 4));

            HttpResponse<String> response = http.call("PUT", "/models/1").header("If-Match", "\"3\"").json(LAMP_JSON).send();

            assertThat(response.statusCode()).isEqualTo(200);
        }

        @Test
        void givenSomeoneWroteFirst_whenUpdateWithBodyVersion_then409() {
            when(updateModel.update(any())).thenThrow(new VersionConflictException(ONE, 3, 4));

            JsonNode problem = assertProblem(http.call("PUT", "/models/1").json(BODY_V3).send(), 409);

            assertThat(problem.path("type").asText()).isEqualTo("https://aside.dev/problems/version-conflict");
        }

        @Test
        void givenSomeoneWroteFirst_whenUpdateWithIfMatch_then412() {
            when(updateModel.update(any())).thenThrow(new VersionConflictException(ONE, 3, 4));

            assertProblem(http.call("PUT", "/models/1").header("If-Match", "\"3\"").json(LAMP_BODY).send(), 412);
        }

        @Test
        void whenUpdateNamesNoVersion_then428NamingTheVersionField() {
            JsonNode problem = assertProblem(http.call("PUT", "/models/1").json(LAMP_BODY).send(), 428);

            assertThat(errorFields(problem)).containsExactly("version");
            verifyNoInteractions(updateModel);
        }

        @Test
        void givenNoSuchModel_whenUpdate_then404() {
            when(updateModel.update(any())).thenThrow(new ModelNotFoundException(ONE));

            assertProblem(http.call("PUT", "/models/1").json(BODY_V3).send(), 404);
        }
    }

    @Nested
    class Delete {
        @Test
        void whenDelete_then204AndTheDeleteIsUnconditional() {
            HttpResponse<String> response = http.call("DELETE", "/models/1").send();

            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(response.headers().firstValue("Content-Type")).isEmpty();
            assertThat(response.body()).isEmpty();
            verify(deleteModel).delete(new DeleteModelCommand(ONE, OptionalLong.empty()));
        }

        @Test
        void whenDeleteWithIfMatch_thenOnlyThatVersionIsDeleted() {
            assertThat(http.call("DELETE", "/models/1").header("If-Match", "\"3\"").send().statusCode()).isEqualTo(204);

            verify(deleteModel).delete(new DeleteModelCommand(ONE, OptionalLong.of(3)));
        }

        @Test
        void givenSomeoneWroteFirst_whenDeleteWithIfMatch_then412() {
            doThrow(new VersionConflictException(ONE, 3, 4)).when(deleteModel).delete(any());

            assertProblem(http.call("DELETE", "/models/1").header("If-Match", "\"3\"").send(), 412);
        }

        @Test
        void givenNoSuchModel_whenDelete_then404() {
            doThrow(new ModelNotFoundException(ONE)).when(deleteModel).delete(any());

            assertProblem(http.call("DELETE", "/models/1").send(), 404);
        }
    }

    @Nested
    class Failures {
        @Test
        void givenAFaultOfOurs_whenGet_then500WithAGenericDetailOnly() {
            when(getModel.get(any())).thenThrow(new IllegalStateException("secret internal state"));

            HttpResponse<String> response = http.get("/models/1").send();

            assertProblem(response, 500);
            assertThat(response.body()).doesNotContain("secret", "IllegalState");
        }

        @Test
        void whenUnknownPath_then404Problem() {
            assertProblem(http.get("/nothing/here").send(), 404);
        }

        @Test
        void whenWrongMethodOnKnownPath_then405WithAllow() {
            HttpResponse<String> response = http.call("PATCH", "/models/1").send();

            assertProblem(response, 405);
            assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET", "PUT", "DELETE"));
        }
    }
}
