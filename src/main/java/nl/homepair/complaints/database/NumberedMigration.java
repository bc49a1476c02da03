package nl.homepair.complaints.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway migration in Java, numbered among the SQL scripts of {@code db/migration}: the
 * class names say what it does, not {@code V5__...} as Flyway's own base class would need.
 * Its checksum is its number, so a change of its code does not fail an applied migration's
 * validation, and it runs in the migration's transaction.
 */
abstract class NumberedMigration implements JavaMigration {

    private final int version;
    private final String description;

    NumberedMigration(int version, String description) {
        this.version = version;
        this.description = description;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(Integer.toString(version));
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        return version;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    /** Whether the database has this table yet: the engine's tables do not exist when Flyway runs on a new database. */
    static boolean hasTable(Connection connection, String name) throws SQLException {
        for (String candidate : new String[]{name, name.toLowerCase(Locale.ROOT)}) {
            try (ResultSet tables = connection.getMetaData().getTables(null, null, candidate, new String[]{"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
