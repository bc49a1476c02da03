package nl.homepair.complaints.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Migration 11: the grants on tasks opened before variables took a permission of their own may read them. */
class TaskVariablesReadableTest {

    private static final int READ_UPDATE = 2 | 4;
    private static final int READ_VARIABLE = 64;

    private static DataSource database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    @Test
    void aGrantThatReadsATaskNowAlsoReadsItsVariablesAndNothingElseChanges() {
        DataSource dataSource = database();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table ACT_RU_AUTHORIZATION (ID_ varchar(64) primary key, TYPE_ integer not null,"
                + " RESOURCE_TYPE_ integer not null, PERMS_ integer)");
        int task = Resources.TASK.resourceType();
        insert(jdbc, "candidates", Authorization.AUTH_TYPE_GRANT, task, READ_UPDATE);
        insert(jdbc, "already", Authorization.AUTH_TYPE_GRANT, task, READ_UPDATE | READ_VARIABLE);
        insert(jdbc, "all", Authorization.AUTH_TYPE_GRANT, task, Integer.MAX_VALUE);
        insert(jdbc, "updateOnly", Authorization.AUTH_TYPE_GRANT, task, 4);
        insert(jdbc, "revoke", Authorization.AUTH_TYPE_REVOKE, task, READ_UPDATE);
        insert(jdbc, "definition", Authorization.AUTH_TYPE_GRANT, Resources.PROCESS_DEFINITION.resourceType(), READ_UPDATE);

        assertThat(migrate(dataSource)).isEqualTo(1);

        assertThat(perms(jdbc, "candidates")).isEqualTo(READ_UPDATE | READ_VARIABLE);
        assertThat(perms(jdbc, "already")).isEqualTo(READ_UPDATE | READ_VARIABLE);
        assertThat(perms(jdbc, "all")).isEqualTo(Integer.MAX_VALUE);
        assertThat(perms(jdbc, "updateOnly")).isEqualTo(4);
        assertThat(perms(jdbc, "revoke")).isEqualTo(READ_UPDATE);
        assertThat(perms(jdbc, "definition")).isEqualTo(READ_UPDATE);
    }

    @Test
    void aNewDatabaseHasNothingToDo() {
        assertThat(migrate(database())).isEqualTo(1);
    }

    private static void insert(JdbcTemplate jdbc, String id, int type, int resource, int perms) {
        jdbc.update("insert into ACT_RU_AUTHORIZATION values (?, ?, ?, ?)", id, type, resource, perms);
    }

    private static int perms(JdbcTemplate jdbc, String id) {
        return jdbc.queryForObject("select PERMS_ from ACT_RU_AUTHORIZATION where ID_ = ?", Integer.class, id);
    }

    private static int migrate(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations(new String[0]).javaMigrations(new TaskVariablesReadable())
                .baselineOnMigrate(true).baselineVersion("10").load().migrate().migrationsExecuted;
    }
}
