package io.aside.domain.model;

/** One rejected input field: which field (as the API names it) and why, in words a client can show. */
public record FieldError(String field, String message) {}
