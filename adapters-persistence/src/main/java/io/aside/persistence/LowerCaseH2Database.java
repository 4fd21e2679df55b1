package io.aside.persistence;

import liquibase.database.core.H2Database;

/**
 * Liquibase's H2 support assumes unquoted names are stored upper-case. Aside runs H2 with
 * DATABASE_TO_LOWER (as MySQL on Linux, names stay lower-case), so Liquibase would create its
 * DATABASECHANGELOG table unquoted, H2 would store it lower-case, and the next start would look for
 * it upper-case, miss it, and fail trying to create it again. This tells Liquibase the truth.
 */
final class LowerCaseH2Database extends H2Database {
    LowerCaseH2Database() {
        unquotedObjectsAreUppercased = false;
        // The changelog quotes every name; the default schema must not be written as "PUBLIC",
        // which does not exist when names are lower-case.
        setOutputDefaultSchema(false);
    }
}
