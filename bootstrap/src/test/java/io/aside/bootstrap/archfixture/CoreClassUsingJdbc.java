package io.aside.bootstrap.archfixture;

import java.sql.Connection;

/** Breaks the core rule on purpose: {@link io.aside.bootstrap.ArchitectureTest} proves the rule notices. */
public final class CoreClassUsingJdbc {
    public boolean isOpen(Connection connection) throws java.sql.SQLException {
        return !connection.isClosed();
    }
}
