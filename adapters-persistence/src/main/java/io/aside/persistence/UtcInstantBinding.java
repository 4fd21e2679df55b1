package io.aside.persistence;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Reads DATETIME(6) columns holding UTC as {@link Instant}s, through JDBC's {@code LocalDateTime}
 * so that no zone is applied on the way. jOOQ's default reads a {@code java.sql.Timestamp} and
 * converts it in the JVM's zone, which shifts every time by the JVM's offset from UTC.
 * Public only because the generated jOOQ classes (see the pom's forcedType) instantiate it.
 */
public final class UtcInstantBinding implements Binding<LocalDateTime, Instant> {
    private static final Converter<LocalDateTime, Instant> UTC = Converter.ofNullable(LocalDateTime.class, Instant.class,
            local -> local.toInstant(ZoneOffset.UTC), instant -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC));

    @Override
    public Converter<LocalDateTime, Instant> converter() {
        return UTC;
    }

    @Override
    public void sql(BindingSQLContext<Instant> ctx) {
        ctx.render().visit(DSL.val(UTC.to(ctx.value()), SQLDataType.LOCALDATETIME(6)));
    }

    @Override
    public void register(BindingRegisterContext<Instant> ctx) throws SQLException {
        ctx.statement().registerOutParameter(ctx.index(), Types.TIMESTAMP);
    }

    @Override
    public void set(BindingSetStatementContext<Instant> ctx) throws SQLException {
        ctx.statement().setObject(ctx.index(), UTC.to(ctx.value()));
    }

    @Override
    public void get(BindingGetResultSetContext<Instant> ctx) throws SQLException {
        ctx.value(UTC.from(ctx.resultSet().getObject(ctx.index(), LocalDateTime.class)));
    }

    @Override
    public void get(BindingGetStatementContext<Instant> ctx) throws SQLException {
        ctx.value(UTC.from(ctx.statement().getObject(ctx.index(), LocalDateTime.class)));
    }

    @Override
    public void set(BindingSetSQLOutputContext<Instant> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("UDTs are not used");
    }

    @Override
    public void get(BindingGetSQLInputContext<Instant> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("UDTs are not used");
    }
}
