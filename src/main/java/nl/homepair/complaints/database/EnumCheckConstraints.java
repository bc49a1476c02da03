package nl.homepair.complaints.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.orm.jpa.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Drops the check constraints that Hibernate writes for enum columns ({@code outcome in
 * ('NEW_COMPLAINT', ...)}) on our own tables, before JPA starts (issue 9).
 *
 * <p>{@code ddl-auto: update} creates such a constraint with a new table but never changes
 * it: a value added to an enum later (an outcome {@code NOT_A_COMPLAINT}, a mail outcome
 * {@code POSSIBLE_OBJECTION}) would then be refused by every existing database, H2 file or
 * PostgreSQL, at the first case that needs it. The enums in the code are the contract; the
 * columns are plain text, as the H2 columns converted in issue 11 already were. Only
 * constraints that list values are dropped (never NOT NULL); a failure is logged and does
 * not stop the start, since the constraints only matter once a new value is written.
 */
@Configuration(proxyBeanMethods = false)
public class EnumCheckConstraints implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(EnumCheckConstraints.class);
    static final Set<String> TABLES = Set.of("complaint", "processed_mail", "timeline_entry", "sent_mail", "erasure_record", "evidence",
            "case_facts");

    private final DataSource dataSource;

    public EnumCheckConstraints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Bean
    static EntityManagerFactoryDependsOnPostProcessor entityManagerFactoryAfterEnumCheckConstraints() {
        return new EntityManagerFactoryDependsOnPostProcessor(EnumCheckConstraints.class);
    }

    @Override
    public void afterPropertiesSet() {
        try (Connection connection = dataSource.getConnection()) {
            for (String[] constraint : valueListConstraints(connection)) {
                try (Statement ddl = connection.createStatement()) {
                    ddl.execute("alter table " + quoted(constraint[0]) + " drop constraint " + quoted(constraint[1]));
                    log.info("Dropped check constraint {} on {}: enum values are checked by the application", constraint[1], constraint[0]);
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not drop the enum check constraints: {}", e.getMessage());
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

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
