package io.aside.persistence;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Connector/J settings Aside relies on, and why. Connector/J lets properties handed to it
 * override the URL's, so a setting the URL spells out is left out here: the operator's URL wins.
 */
final class MySqlDriverProperties {
    private MySqlDriverProperties() {}

    static final Map<String, String> ALL = Map.of(
            // Sessions run in UTC whatever the server's or the JVM's zone, so that NOW() agrees with
            // the UTC times Aside stores (those never depend on it: they are stamped with
            // UTC_TIMESTAMP and read without conversion). Connector/J sends it as '+00:00', which
            // works even on servers without time-zone tables.
            "connectionTimeZone", "UTC",
            "forceConnectionTimeZoneToSession", "true",
            // utf8mb4 on the wire, so emoji survive the round trip.
            "characterEncoding", "UTF-8",
            // A dead server fails fast instead of holding a request for the OS's TCP timeout.
            "connectTimeout", "2000",
            // Longer than any statement's query timeout, so it only catches a silent network.
            "socketTimeout", "30000",
            "tcpKeepAlive", "true");

    /** The settings above that {@code url} does not set itself. */
    static Map<String, String> notSetIn(String url) {
        return ALL.entrySet().stream()
                .filter(setting -> !Pattern.compile("[?&]" + setting.getKey() + "=").matcher(url).find())
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
