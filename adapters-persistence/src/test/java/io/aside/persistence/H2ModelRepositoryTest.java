package io.aside.persistence;

/** The contract on H2 in MySQL mode, file-backed as the embedded default is. */
class H2ModelRepositoryTest extends ModelRepositoryContract {
    @Override
    DatabaseSettings freshDatabase() {
        return TestDatabases.h2();
    }

    @Override
    String utcNowQuery() {
        return "select cast(cast(current_timestamp(6) at time zone 'UTC' as timestamp(6)) as varchar(40))";
    }
}
