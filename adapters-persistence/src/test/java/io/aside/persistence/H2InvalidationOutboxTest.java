package io.aside.persistence;

/** The outbox contract on H2 in MySQL mode. */
class H2InvalidationOutboxTest extends InvalidationOutboxContract {
    @Override
    DatabaseSettings freshDatabase() {
        return TestDatabases.h2();
    }
}
