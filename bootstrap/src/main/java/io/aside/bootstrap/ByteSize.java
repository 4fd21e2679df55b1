package io.aside.bootstrap;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size in bytes, written in configuration as plain bytes or with a binary suffix: {@code 67108864}, {@code 64m}. */
public record ByteSize(long bytes) {
    private static final Pattern WRITTEN = Pattern.compile("([0-9]{1,19})([kmg]?)", Pattern.CASE_INSENSITIVE);
    private static final String SUFFIXES = "kmg";

    public ByteSize {
        if (bytes < 0) throw new IllegalArgumentException("a size must not be negative, got " + bytes);
    }

    /** Digits, optionally followed by k, m or g (KiB, MiB, GiB; either case). */
    public static ByteSize parse(String text) {
        Matcher written = WRITTEN.matcher(text.strip());
        if (written.matches()) {
            String suffix = written.group(2).toLowerCase(Locale.ROOT);
            int shift = suffix.isEmpty() ? 0 : 10 * (SUFFIXES.indexOf(suffix) + 1);
            try {
                return new ByteSize(Math.multiplyExact(Long.parseLong(written.group(1)), 1L << shift));
            } catch (ArithmeticException | NumberFormatException tooLarge) {
                // reported below
            }
        }
        throw new IllegalArgumentException("must be a number of bytes, optionally with a k, m or g suffix (KiB, MiB, GiB), "
                + "such as 67108864 or 64m, got '" + text + "'");
    }
}
