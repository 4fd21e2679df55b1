package io.aside.bootstrap;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * How values are written in the environment. These parsers check the writing only; what a value may
 * be is the rule of the record it goes into, applied by {@link AsideConfig#from} per variable.
 */
final class ConfigValues {
    private ConfigValues() {}

    static int port(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a TCP port number, got '" + text + "'");
        }
    }

    static Duration duration(String text) {
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO-8601 duration such as PT1H, PT30S or PT0.05S, got '" + text + "'");
        }
    }

    /** Narrower than the adapter, which takes any jdbc:mysql: URL: the shape DESIGN §6 documents. */
    static String jdbcUrl(String text) {
        if (!text.startsWith("jdbc:h2:") && !text.startsWith("jdbc:mysql://")) {
            throw new IllegalArgumentException("must be a jdbc:mysql://host:port/database URL (MySQL or MariaDB) or a jdbc:h2: URL");
        }
        return text;
    }
}
