package io.aside.benchmarks;

/**
 * Text made safe to put into the HTML report, between tags or in a quoted attribute alike. The
 * report's text comes from the run (scenario labels hold {@code &}, an error message may hold
 * anything), and the page is kept well-formed XML too, so that a test can parse it strictly.
 */
final class Markup {
    private static final char REPLACEMENT = '\uFFFD';

    private Markup() {}

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(allowedInXml(text, i) ? c : REPLACEMENT);
            }
        }
        return out.toString();
    }

    /** XML 1.0 forbids most control characters, U+FFFE/U+FFFF and a surrogate without its pair: shown as U+FFFD instead. */
    private static boolean allowedInXml(String text, int i) {
        char c = text.charAt(i);
        if (c < 0x20) return c == '\t' || c == '\n' || c == '\r';
        if (c == '\uFFFE' || c == '\uFFFF') return false;
        if (Character.isHighSurrogate(c)) return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        if (Character.isLowSurrogate(c)) return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        return true;
    }
}
