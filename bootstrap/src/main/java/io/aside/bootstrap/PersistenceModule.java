package io.aside.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.aside.domain.port.InvalidationOutbox;
import io.aside.domain.port.ModelRepository;
import io.aside.persistence.Database;

/** The system of record: H2 embedded, or MySQL/MariaDB, chosen by the JDBC URL alone. */
final class PersistenceModule extends AbstractModule {
    @Provides @Singleton
    Database database(AsideConfig config, Closer closer) {
        return closer.register(Database.open(config.database()));
    }

    @Provides @Singleton
    ModelRepository repository(Database database) {
        return database.repository();
    }

    @Provides @Singleton
    InvalidationOutbox outbox(Database database) {
        return database.outbox();
    }
}
