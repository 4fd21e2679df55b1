package io.aside.persistence;

import io.aside.testing.MariaDbServer;
import io.aside.testing.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Empty databases of a test class's own, on each database Aside runs on. */
final class TestDatabases {
    private TestDatabases() {}

    /** H2 in MySQL mode, file-backed as the embedded default is. */
    static DatabaseSettings h2() {
        try {
            Path dir = Files.createTempDirectory("aside-h2-");
            return new DatabaseSettings("jdbc:h2:file:" + dir.resolve("aside"), "sa", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real MariaDB 10.11 through MySQL Connector/J, the production pairing. */
    static DatabaseSettings mariaDb() {
        MariaDbServer server = TestServers.mariaDb();
        return new DatabaseSettings(server.freshDatabaseUrl(), server.user(), server.password());
    }
}
