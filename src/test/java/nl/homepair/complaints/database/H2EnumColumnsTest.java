package nl.homepair.complaints.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An H2 file of an earlier version, with native ENUM columns, keeps its values as text. */
class H2EnumColumnsTest {

    @TempDir
    Path dir;

    @Test
    void enumColumnsOfAnExistingFileBecomeTextWithTheirNames() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("klachten") + ";AUTO_SERVER=FALSE");
        dataSource.setUser("sa");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // as Hibernate 6.6 created it on H2 before issue 11
            s.execute("create table complaint (id bigint primary key, "
                    + "channel enum ('API','MAILBOX','STAFF','WEB_FORM') not null, "
                    + "role enum ('CLIENT','OTHER_USER','PROFESSIONAL'))");
            s.execute("create table timeline_entry (id bigint primary key, "
                    + "type enum ('RECEIVED','STATUS_CHANGED') not null)");
            s.execute("insert into complaint values (1, 'API', 'CLIENT'), (2, 'WEB_FORM', null), (3, 'STAFF', 'PROFESSIONAL')");
            s.execute("insert into timeline_entry values (1, 'STATUS_CHANGED')");
        }

        new H2EnumColumns(dataSource).afterPropertiesSet();
        new H2EnumColumns(dataSource).afterPropertiesSet(); // the next start finds nothing to do

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThat(rows(s, "select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable "
                    + "from information_schema.columns where table_schema = 'PUBLIC' and column_name <> 'ID' "
                    + "order by 1")).containsExactly(
                    "COMPLAINT.CHANNEL CHARACTER VARYING NO",
                    "COMPLAINT.ROLE CHARACTER VARYING YES",
                    "TIMELINE_ENTRY.TYPE CHARACTER VARYING NO");
            assertThat(rows(s, "select id || ' ' || channel || ' ' || coalesce(role, '-') from complaint order by id"))
                    .containsExactly("1 API CLIENT", "2 WEB_FORM -", "3 STAFF PROFESSIONAL");
            assertThat(rows(s, "select type from timeline_entry")).containsExactly("STATUS_CHANGED");
            // a new value of the Java enum needs no schema change any more
            s.execute("insert into complaint values (4, 'A_NEW_CHANNEL', null)");
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }
}
