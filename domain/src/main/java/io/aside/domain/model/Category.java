package io.aside.domain.model;

/** The field list pages filter on. Any text of 1–100 characters. */
public record Category(String value) {
    public static final int MAX_LENGTH = 100;

    public Category {
        String problem = Text.problem(value, 1, MAX_LENGTH, false);
        if (problem != null) throw ValidationException.of("category", problem);
    }

    @Override
    public String toString() {
        return value;
    }
}
