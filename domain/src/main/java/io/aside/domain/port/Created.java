package io.aside.domain.port;

import io.aside.domain.cache.PendingInvalidation;
import io.aside.domain.model.Model;

/** A committed insert: the stored row, and the invalidation recorded with it. */
public record Created(Model model, PendingInvalidation invalidation) {}
