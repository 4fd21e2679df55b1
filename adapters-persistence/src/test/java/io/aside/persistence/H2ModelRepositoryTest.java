package io.aside.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The contract on H2 in MySQL mode, file-backed as the embedded default is. */
class H2ModelRepositoryTest extends ModelRepositoryContract {
    @Override
    DatabaseSettings freshDatabase() {
        try {
            Path dir = Files.createTempDirectory("aside-h2-");
            return new DatabaseSettings("jdbc:h2:file:" + dir.resolve("aside"), "sa", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    String utcNowQuery() {
        return "select cast(cast(current_timestamp(6) at time zone 'UTC' as timestamp(6)) as varchar(40))";
    }
}
