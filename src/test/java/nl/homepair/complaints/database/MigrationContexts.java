package nl.homepair.complaints.database;

import java.sql.Connection;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;

/** Runs one of our Java migrations by hand on a connection, as Flyway would. */
public final class MigrationContexts {

    private MigrationContexts() {
    }

    public static Context on(Connection connection) {
        return new Context() {
            @Override
            public Configuration getConfiguration() {
                return null;
            }

            @Override
            public Connection getConnection() {
                return connection;
            }
        };
    }
}
