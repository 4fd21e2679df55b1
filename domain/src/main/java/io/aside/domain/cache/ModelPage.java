package io.aside.domain.cache;

import io.aside.domain.model.Model;
import java.util.List;

/** A list page as cached: the models in id order. */
public record ModelPage(List<Model> items) {
    public ModelPage {
        items = List.copyOf(items);
    }
}
