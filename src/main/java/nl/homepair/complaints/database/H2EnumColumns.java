package nl.homepair.complaints.database;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.orm.jpa.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Turns the native {@code ENUM} columns that Hibernate 6 created on H2 files of earlier
 * versions into {@code VARCHAR}, once, before JPA starts (issue 11).
 *
 * <p>H2 stores an ENUM value as its ordinal; on the first start after a kill, rows were
 * read back as that ordinal ("1" instead of "API") and every case read failed until the
 * next restart. The entities now declare their enum columns as text, but
 * {@code ddl-auto: update} never changes the type of an existing column, so existing
 * {@code ./data} files are converted here. A value that reads as an ordinal during the
 * conversion is written back as its name. Does nothing on other databases (PostgreSQL
 * columns already are {@code varchar}) and on files without ENUM columns.
 */
@Configuration(proxyBeanMethods = false)
public class H2EnumColumns implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(H2EnumColumns.class);
    private static final int MIN_LENGTH = 30;

    private final DataSource dataSource;

    public H2EnumColumns(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** JPA (and so the engine's delegates and the web layer) starts only after the conversion. */
    @Bean
    static EntityManagerFactoryDependsOnPostProcessor entityManagerFactoryAfterH2EnumColumns() {
        return new EntityManagerFactoryDependsOnPostProcessor(H2EnumColumns.class);
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            if (!"H2".equalsIgnoreCase(meta.getDatabaseProductName())) {
                return;
            }
            for (EnumColumn column : enumColumns(connection)) {
                convert(connection, column);
            }
        }
    }

    private record EnumColumn(String table, String column, Map<String, String> namesByOrdinal) {
    }

    private static List<EnumColumn> enumColumns(Connection connection) throws SQLException {
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
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table " + table + " alter column " + name + " set data type varchar(" + length + ")");
            int repaired = 0;
            try (PreparedStatement repair = connection.prepareStatement(
                    "update " + table + " set " + name + " = ? where " + name + " = ?")) {
                for (Map.Entry<String, String> value : column.namesByOrdinal().entrySet()) {
                    repair.setString(1, value.getValue());
                    repair.setString(2, value.getKey());
                    repaired += repair.executeUpdate();
                }
            }
            connection.commit();
            log.info("Converted H2 ENUM column {}.{} to VARCHAR({}); {} values written back from ordinal to name",
                    column.table(), column.column(), length, repaired);
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
