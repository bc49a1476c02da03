package nl.homepair.complaints.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Migration 5: the enum columns of databases made before migrations existed become plain
 * text without a list of allowed values, once (Spring Boot hands this bean to Flyway).
 *
 * <p>Two leftovers of {@code ddl-auto: update}, which V1 (written to leave existing tables
 * alone) does not touch. Hibernate wrote {@code check (outcome in ('NEW_COMPLAINT', ...))}
 * with a new table and never changed it, so a value added to an enum later was refused by
 * every existing H2 file and PostgreSQL database (issue 9): such constraints on our tables
 * are dropped (never NOT NULL); the enums in the code are the contract. And Hibernate 6
 * declared enum columns on H2 as native {@code ENUM}, stored as an ordinal and read back
 * as "1" after a kill (issue 11): on H2 those columns become {@code VARCHAR}, and a value
 * that reads as an ordinal is written back as its name.
 *
 * <p>Until issue 16 both ran at every start, reading the database's catalogue each time;
 * as a migration they run once per database, and a database made by V1 has nothing to do.
 */
@Component
public class EnumColumnsAsText extends NumberedMigration {

    private static final Logger log = LoggerFactory.getLogger(EnumColumnsAsText.class);
    static final Set<String> TABLES = Set.of("complaint", "processed_mail", "timeline_entry", "sent_mail", "erasure_record", "evidence",
            "case_facts");
    private static final int MIN_LENGTH = 30;

    public EnumColumnsAsText() {
        super(5, "enum columns as text");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        for (String[] constraint : valueListConstraints(connection)) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("alter table " + quoted(constraint[0]) + " drop constraint " + quoted(constraint[1]));
                log.info("Dropped check constraint {} on {}: enum values are checked by the application", constraint[1], constraint[0]);
            }
        }
        if ("H2".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
            for (EnumColumn column : h2EnumColumns(connection)) {
                convert(connection, column);
            }
        }
    }

    /** Table and name of each CHECK constraint on our tables that lists values (IN (...) or = ANY (ARRAY[...])). */
    static List<String[]> valueListConstraints(Connection connection) throws SQLException {
        List<String[]> found = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select t.TABLE_NAME, t.CONSTRAINT_NAME, c.CHECK_CLAUSE
                from INFORMATION_SCHEMA.TABLE_CONSTRAINTS t
                join INFORMATION_SCHEMA.CHECK_CONSTRAINTS c
                  on c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA and c.CONSTRAINT_NAME = t.CONSTRAINT_NAME
                where t.CONSTRAINT_TYPE = 'CHECK' and t.TABLE_SCHEMA = current_schema""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String table = rows.getString(1);
                String clause = rows.getString(3) == null ? "" : rows.getString(3).toUpperCase(Locale.ROOT);
                boolean listsValues = clause.matches("(?s).*\\bIN\\s*\\(.*") || clause.contains("ANY (ARRAY[")
                        || clause.contains("ANY ((ARRAY[");
                if (TABLES.contains(table.toLowerCase(Locale.ROOT)) && listsValues) {
                    found.add(new String[] {table, rows.getString(2)});
                }
            }
        }
        return found;
    }

    private record EnumColumn(String table, String column, Map<String, String> namesByOrdinal) {
    }

    private static List<EnumColumn> h2EnumColumns(Connection connection) throws SQLException {
        List<EnumColumn> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select c.TABLE_NAME, c.COLUMN_NAME, v.VALUE_ORDINAL, v.VALUE_NAME
                from INFORMATION_SCHEMA.COLUMNS c
                join INFORMATION_SCHEMA.ENUM_VALUES v
                  on v.OBJECT_SCHEMA = c.TABLE_SCHEMA and v.OBJECT_NAME = c.TABLE_NAME
                 and v.OBJECT_TYPE = 'TABLE' and v.ENUM_IDENTIFIER = c.DTD_IDENTIFIER
                where c.TABLE_SCHEMA = current_schema and c.DATA_TYPE = 'ENUM'
                order by c.TABLE_NAME, c.COLUMN_NAME, v.VALUE_ORDINAL""");
             ResultSet rows = query.executeQuery()) {
            EnumColumn current = null;
            while (rows.next()) {
                String table = rows.getString(1);
                String column = rows.getString(2);
                if (current == null || !current.table().equals(table) || !current.column().equals(column)) {
                    current = new EnumColumn(table, column, new LinkedHashMap<>());
                    columns.add(current);
                }
                current.namesByOrdinal().put(rows.getString(3), rows.getString(4));
            }
        }
        return columns;
    }

    private static void convert(Connection connection, EnumColumn column) throws SQLException {
        int length = Math.max(MIN_LENGTH,
                column.namesByOrdinal().values().stream().mapToInt(String::length).max().orElse(0));
        String table = quoted(column.table());
        String name = quoted(column.column());
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table " + table + " alter column " + name + " set data type varchar(" + length + ")");
        }
        int repaired = 0;
        try (PreparedStatement repair = connection.prepareStatement("update " + table + " set " + name + " = ? where " + name + " = ?")) {
            for (Map.Entry<String, String> value : column.namesByOrdinal().entrySet()) {
                repair.setString(1, value.getValue());
                repair.setString(2, value.getKey());
                repaired += repair.executeUpdate();
            }
        }
        log.info("Converted H2 ENUM column {}.{} to VARCHAR({}); {} values written back from ordinal to name",
                column.table(), column.column(), length, repaired);
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
