package io.aside.persistence;

/** The outbox contract on a real MariaDB 10.11 through MySQL Connector/J. */
class MariaDbInvalidationOutboxTest extends InvalidationOutboxContract {
    @Override
    DatabaseSettings freshDatabase() {
        return TestDatabases.mariaDb();
    }
}
