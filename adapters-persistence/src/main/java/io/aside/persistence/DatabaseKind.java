package io.aside.persistence;

import static io.aside.persistence.generated.Tables.MODELS;

import java.time.Instant;
import java.util.Map;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The databases Aside runs on, told apart by the JDBC URL, and what differs between them: the jOOQ
 * dialect, the connection settings and how the database says "now" in UTC.
 */
enum DatabaseKind {
    /** MySQL 8 and MariaDB 10.11, both through MySQL Connector/J. */
    MYSQL(SQLDialect.MYSQL, "utc_timestamp(6)") {
        @Override
        String jdbcUrl(String url) {
            return url;
        }

        @Override
        Map<String, String> driverProperties(String url) {
            return MySqlDriverProperties.notSetIn(url);
        }
    },

    /** H2 in MySQL mode, the embedded default. */
    H2(SQLDialect.H2, "cast(current_timestamp(6) at time zone 'UTC' as timestamp(6))") {
        @Override
        String jdbcUrl(String url) {
            return H2Url.withRequiredSettings(url);
        }

        @Override
        Map<String, String> driverProperties(String url) {
            return Map.of(); // H2 takes its settings in the URL: see H2Url
        }
    };

    private final SQLDialect dialect;
    private final String utcNowSql;

    DatabaseKind(SQLDialect dialect, String utcNowSql) {
        this.dialect = dialect;
        this.utcNowSql = utcNowSql;
    }

    static DatabaseKind of(String url) {
        if (url.startsWith("jdbc:mysql:")) return MYSQL;
        if (url.startsWith("jdbc:h2:")) return H2;
        int schemeEnd = url.indexOf(':', url.indexOf(':') + 1);
        String scheme = schemeEnd < 0 ? "(none)" : url.substring(0, schemeEnd + 1); // never echo the rest: it may hold a password
        throw new IllegalArgumentException("unsupported database URL scheme " + scheme + ", expected jdbc:mysql: or jdbc:h2:");
    }

    SQLDialect dialect() {
        return dialect;
    }

    /**
     * The database's current time in UTC with microseconds. Times are stamped by the database, never
     * sent: Connector/J drops the fractional seconds of values it sends to MariaDB.
     */
    Field<Instant> utcNow() {
        return DSL.field(utcNowSql, MODELS.CREATED_AT.getDataType());
    }

    /** The URL to hand the driver. */
    abstract String jdbcUrl(String url);

    /** Driver settings Aside relies on, less those the URL sets itself. */
    abstract Map<String, String> driverProperties(String url);
}
