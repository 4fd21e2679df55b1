package io.aside.persistence;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the database is and whom to log in as. {@code url} is a {@code jdbc:mysql:} URL (MySQL 8,
 * MariaDB 10.11) or a {@code jdbc:h2:} URL (the embedded default); user and password may be empty.
 * {@link #toString()} never shows a password, not even one written inside the URL.
 */
public record DatabaseSettings(String url, String user, String password) {
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO_IN_URL = Pattern.compile("//([^/@:]*):[^/@]*@");

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        DatabaseKind.of(url); // fail at construction, not at first query, on an unsupported URL
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /** The embedded H2 database, which one process holds, rather than a server that instances share. */
    public boolean embedded() {
        return DatabaseKind.of(url) == DatabaseKind.H2;
    }

    @Override
    public String toString() {
        String safeUrl = USER_INFO_IN_URL.matcher(PASSWORD_IN_URL.matcher(url).replaceAll("$1****")).replaceAll("//$1:****@");
        return "DatabaseSettings[url=" + safeUrl + ", user=" + user + ", password=****]";
    }
}
