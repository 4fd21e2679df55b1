package io.aside.domain.model;

import java.util.List;

/** Input that breaks a domain rule. Carries every field error found, not just the first. */
public final class ValidationException extends RuntimeException {
    private final transient List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid input" : errors.get(0).field() + ": " + errors.get(0).message());
        if (errors.isEmpty()) throw new IllegalArgumentException("a validation failure names at least one field");
        this.errors = List.copyOf(errors);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
