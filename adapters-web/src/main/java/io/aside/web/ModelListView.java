package io.aside.web;

import io.aside.domain.cache.ModelPage;
import java.util.List;

/** A list page: an object rather than a bare array, so fields (a next cursor, say) can be added later. */
record ModelListView(List<ModelView> items) {
    static ModelListView of(ModelPage page) {
        return new ModelListView(page.items().stream().map(ModelView::of).toList());
    }
}
