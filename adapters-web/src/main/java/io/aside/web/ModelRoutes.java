package io.aside.web;

import io.aside.application.CreateModel;
import io.aside.application.DeleteModel;
import io.aside.application.DeleteModelCommand;
import io.aside.application.GetModel;
import io.aside.application.ListModels;
import io.aside.application.ListModelsQuery;
import io.aside.application.ModelNotFoundException;
import io.aside.application.Read;
import io.aside.application.UpdateModel;
import io.aside.application.UpdateModelCommand;
import io.aside.application.VersionConflictException;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Model;
import io.aside.domain.model.ModelId;
import io.aside.domain.model.VersionPrecondition;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.util.Collections;
import java.util.List;

/** The /models resource: HTTP in, use case call, HTTP out. Refusals are thrown and rendered by {@link ProblemHandlers}. */
final class ModelRoutes {
    /** Whether the cache answered; operators and benchmarks read it, clients may ignore it. */
    static final String X_CACHE = "X-Cache";

    private final GetModel getModel;
    private final ListModels listModels;
    private final CreateModel createModel;
    private final UpdateModel updateModel;
    private final DeleteModel deleteModel;
    private final JsonRequestBody bodies;
    private final JsonResponses responses;

    ModelRoutes(GetModel getModel, ListModels listModels, CreateModel createModel, UpdateModel updateModel,
                DeleteModel deleteModel, JsonRequestBody bodies, JsonResponses responses) {
        this.getModel = getModel;
        this.listModels = listModels;
        this.createModel = createModel;
        this.updateModel = updateModel;
        this.deleteModel = deleteModel;
        this.bodies = bodies;
        this.responses = responses;
    }

    void register(RoutesConfig routes) {
        routes.get("/models", this::list);
        routes.post("/models", this::create);
        routes.get("/models/{id}", this::get);
        routes.head("/models/{id}", this::get); // otherwise Javalin answers 200 to HEAD without running any handler
        routes.put("/models/{id}", this::update);
        routes.delete("/models/{id}", this::delete);
    }

    private void get(Context ctx) {
        ModelId id = ModelId.parse(ctx.pathParam("id"));
        Read<Presence<Model>> read = getModel.get(id);
        ctx.header(X_CACHE, xCache(read));
        if (!(read.value() instanceof Presence.Present<Model> present)) throw new ModelNotFoundException(id);
        Model model = present.value();
        ctx.header(Header.ETAG, EntityTags.of(model.version()));
        if (EntityTags.noneMatchHits(ctx.header(Header.IF_NONE_MATCH), model.version())) {
            ctx.status(304);
            return;
        }
        responses.sendViewOf(ctx, 200, model, ModelView::of);
    }

    private void list(Context ctx) {
        ListModelsQuery query = ListRequest.toQuery(QueryParameters.parse(ctx.queryString()));
        Read<ModelPage> read = listModels.list(query);
        ctx.header(X_CACHE, xCache(read));
        responses.sendViewOf(ctx, 200, read.value(), ModelListView::of);
    }

    private void create(Context ctx) {
        ModelRequest request = ModelRequest.forCreate(bodies.readObject(ctx));
        Model created = createModel.create(request.draft());
        ctx.header(Header.LOCATION, "/models/" + created.id());
        ctx.header(Header.ETAG, EntityTags.of(created.version()));
        responses.send(ctx, 201, ModelView.of(created));
    }

    private void update(Context ctx) {
        ModelId id = ModelId.parse(ctx.pathParam("id"));
        VersionPrecondition ifMatch = EntityTags.precondition(ifMatch(ctx));
        ModelRequest request = ModelRequest.forUpdate(bodies.readObject(ctx), id);
        ExpectedVersion expected = ExpectedVersion.resolve(request.precondition(), ifMatch);
        Model updated;
        try {
            updated = updateModel.update(new UpdateModelCommand(id, expected.value(), request.draft()));
        } catch (VersionConflictException conflict) {
            throw expected.mismatch(conflict);
        }
        ctx.header(Header.ETAG, EntityTags.of(updated.version()));
        responses.send(ctx, 200, ModelView.of(updated));
    }

    /** An If-Match makes the delete conditional; a mismatch can then only be a failed precondition. */
    private void delete(Context ctx) {
        ModelId id = ModelId.parse(ctx.pathParam("id"));
        VersionPrecondition ifMatch = EntityTags.precondition(ifMatch(ctx));
        try {
            deleteModel.delete(new DeleteModelCommand(id, ifMatch));
        } catch (VersionConflictException conflict) {
            throw new ProblemException(Problem.preconditionFailed(conflict.getMessage()));
        }
        ctx.status(204);
        ctx.res().setContentType(null); // no body, so no media type (Javalin would announce text/plain)
    }

    /**
     * Every If-Match field line, combined as RFC 9110 §5.3 says: two lines are one list, refused like a
     * list on one line. Reading the first line alone would let the order of the lines decide the answer.
     */
    private static String ifMatch(Context ctx) {
        List<String> lines = Collections.list(ctx.req().getHeaders(Header.IF_MATCH));
        return lines.isEmpty() ? null : String.join(", ", lines);
    }

    private static String xCache(Read<?> read) {
        return read.fromCache() ? "HIT" : "MISS";
    }
}
