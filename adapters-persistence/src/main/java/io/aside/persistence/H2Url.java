package io.aside.persistence;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Adds the settings the H2 embedded default needs to a {@code jdbc:h2:} URL, keeping any the URL sets itself. */
final class H2Url {
    private H2Url() {}

    private static final Map<String, String> REQUIRED = requiredSettings();

    private static Map<String, String> requiredSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("MODE", "MySQL");
        // Lower-case names, as the changelog creates them and the generated jOOQ classes quote them.
        settings.put("DATABASE_TO_LOWER", "TRUE");
        // The session runs in UTC, as MySQL sessions do, so stored times never shift.
        settings.put("TIME ZONE", "UTC");
        // Database.close() closes the pool and with it the database; H2's own shutdown hook would
        // close it earlier, under requests still in flight while the service shuts down.
        settings.put("DB_CLOSE_ON_EXIT", "FALSE");
        return settings;
    }

    static String withRequiredSettings(String url) {
        String upper = url.toUpperCase(Locale.ROOT);
        StringBuilder result = new StringBuilder(url);
        REQUIRED.forEach((key, value) -> {
            if (!upper.contains(";" + key + "=")) result.append(';').append(key).append('=').append(value);
        });
        // An in-memory database would vanish whenever the pool happens to hold no connection.
        if (upper.startsWith("JDBC:H2:MEM:") && !upper.contains(";DB_CLOSE_DELAY=")) result.append(";DB_CLOSE_DELAY=-1");
        return result.toString();
    }
}
