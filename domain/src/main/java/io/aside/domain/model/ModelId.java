package io.aside.domain.model;

/** A model's identity: a positive 64-bit number assigned by the database. */
public record ModelId(long value) {
    public ModelId {
        if (value < 1) throw ValidationException.of("id", "must be a positive integer");
    }

    /** Parses an id as it appears in a URL: plain decimal digits, no sign, no leading zeros, fits in a long. */
    public static ModelId parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || text.charAt(0) == '0') {
            throw ValidationException.of("id", "must be a positive integer, at most 9223372036854775807");
        }
        try {
            return new ModelId(Long.parseLong(text));
        } catch (NumberFormatException tooLarge) {
            throw ValidationException.of("id", "must be a positive integer, at most 9223372036854775807");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
