package io.aside.domain.model;

/**
 * The text rules every stored string obeys. Lengths count code points, as MySQL's utf8mb4 VARCHAR
 * does; lone surrogates are refused because no UTF-8 column can store them (they would turn a
 * client mistake into a database error).
 */
final class Text {
    private Text() {}

    /** Returns the problem with {@code value}, or null when it is acceptable. */
    static String problem(String value, int min, int max, boolean allowLineBreaks) {
        if (value == null) return "is required";
        int length = value.codePointCount(0, value.length());
        if (length < min) return min == 1 ? "must not be empty" : "must have at least " + min + " characters";
        if (length > max) return "must have at most " + max + " characters";
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode (lone surrogate at index " + i + ")";
            } else if (Character.isISOControl(c) && !(allowLineBreaks && (c == '\n' || c == '\r' || c == '\t'))) {
                return "must not contain control characters";
            }
        }
        return null;
    }
}
